package dev.chaosagent.preset.http;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.net.URI;

/**
 * A request of Spring's {@code RestClient} or {@code RestTemplate}, at {@code ClientHttpRequest#execute()}:
 * before the interceptors and whatever client the request factory wraps (the JDK's, Apache's,
 * {@code HttpURLConnection}), whose own bound call inside it is part of the same operation.
 */
final class SpringClientRequest extends HttpOperation {

    static final String REQUEST = "org.springframework.http.client.ClientHttpRequest";
    private static final String HTTP_REQUEST = "org.springframework.http.HttpRequest";
    private static final String RESPONSE = "org.springframework.http.client.ClientHttpResponse";

    private final Object request;

    SpringClientRequest(Object request) {
        this.request = request;
    }

    @Override
    public String method() {
        return String.valueOf(LibraryMethods.call(request, HTTP_REQUEST, "getMethod"));
    }

    @Override
    public String path() {
        String path = uri().getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    @Override
    public String host() {
        return uri().getHost();
    }

    @Override
    public int port() {
        return portOf(uri().getScheme(), uri().getPort());
    }

    private URI uri() {
        return (URI) LibraryMethods.call(request, HTTP_REQUEST, "getURI");
    }

    /**
     * A {@code ClientHttpResponse} of that status with no header and an empty body. Spring's own
     * implementations all wrap a client's response, so the agent answers with one of its own, made
     * in the application's class loader.
     */
    @Override
    Object answer(int status, String returnType) {
        Class<?> responseType = LibraryMethods.load(request, RESPONSE);
        Object statusCode = LibraryMethods.callStatic(request, "org.springframework.http.HttpStatusCode", "valueOf",
                new Class<?>[] {int.class}, status);
        Object headers;
        try {
            headers = LibraryMethods.load(request, "org.springframework.http.HttpHeaders").getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Spring's HttpHeaders cannot be made", e);
        }
        return Proxy.newProxyInstance(responseType.getClassLoader(), new Class<?>[] {responseType}, (proxy, method, arguments) ->
                switch (method.getName()) {
                    case "getStatusCode" -> statusCode;
                    case "getRawStatusCode" -> status;
                    case "getStatusText" -> "chaos";
                    case "getHeaders" -> headers;
                    case "getBody" -> new ByteArrayInputStream(new byte[0]);
                    case "close" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == arguments[0];
                    case "toString" -> "chaos response " + status;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
