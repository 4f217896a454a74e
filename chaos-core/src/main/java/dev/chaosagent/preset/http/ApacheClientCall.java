package dev.chaosagent.preset.http;

/**
 * A request of Apache HttpClient 5 (classic), at {@code CloseableHttpClient#doExecute(HttpHost,
 * ClassicHttpRequest, HttpContext)}: every {@code execute} overload ends there, before the exec chain.
 */
final class ApacheClientCall extends HttpOperation {

    static final String REQUEST = "org.apache.hc.core5.http.ClassicHttpRequest";
    private static final String HTTP_REQUEST = "org.apache.hc.core5.http.HttpRequest";
    private static final String MESSAGE = "org.apache.hc.core5.http.HttpMessage";
    private static final String HOST = "org.apache.hc.core5.http.HttpHost";
    private static final String AUTHORITY = "org.apache.hc.core5.net.URIAuthority";
    private static final String RESPONSE = "org.apache.hc.core5.http.message.BasicClassicHttpResponse";

    private final Object target;
    private final Object request;

    /** @param target the host the client was given, or null: then the request's own authority */
    ApacheClientCall(Object target, Object request) {
        this.target = target;
        this.request = request;
    }

    @Override
    public String method() {
        return (String) LibraryMethods.call(request, HTTP_REQUEST, "getMethod");
    }

    @Override
    public String path() {
        String path = (String) LibraryMethods.call(request, HTTP_REQUEST, "getPath");
        return path == null ? "/" : withoutQuery(path);
    }

    @Override
    public String host() {
        if (target != null) {
            return (String) LibraryMethods.call(target, HOST, "getHostName");
        }
        Object authority = LibraryMethods.call(request, HTTP_REQUEST, "getAuthority");
        return authority == null ? null : (String) LibraryMethods.call(authority, AUTHORITY, "getHostName");
    }

    @Override
    public int port() {
        int written;
        if (target != null) {
            written = (Integer) LibraryMethods.call(target, HOST, "getPort");
        } else {
            Object authority = LibraryMethods.call(request, HTTP_REQUEST, "getAuthority");
            written = authority == null ? -1 : (Integer) LibraryMethods.call(authority, AUTHORITY, "getPort");
        }
        return portOf(scheme(), written);
    }


    private String scheme() {
        String scheme = (String) LibraryMethods.call(request, HTTP_REQUEST, "getScheme");
        return scheme != null || target == null ? scheme : (String) LibraryMethods.call(target, HOST, "getSchemeName");
    }

    /** The {@code CloseableHttpResponse} the client returns instead of sending: {@code status}, no entity. */
    @Override
    Object answer(int status, String returnType) throws ReflectiveOperationException {
        Class<?> responseType = LibraryMethods.load(request, RESPONSE);
        Object response = responseType.getConstructor(int.class, String.class).newInstance(status, "chaos");
        return LibraryMethods.callStatic(request, "org.apache.hc.client5.http.impl.classic.CloseableHttpResponse", "adapt",
                new Class<?>[] {LibraryMethods.load(request, "org.apache.hc.core5.http.ClassicHttpResponse")}, response);
    }
}
