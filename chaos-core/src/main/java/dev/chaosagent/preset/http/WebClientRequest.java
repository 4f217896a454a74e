package dev.chaosagent.preset.http;

import java.net.URI;

/**
 * A request of Spring's {@code WebClient}, at its {@code ExchangeFunction#exchange(ClientRequest)}:
 * the exchange function that its filters wrap, which hands the request to the connector.
 */
final class WebClientRequest extends HttpOperation {

    static final String REQUEST = "org.springframework.web.reactive.function.client.ClientRequest";
    private static final String RESPONSE = "org.springframework.web.reactive.function.client.ClientResponse";

    private final Object request;

    WebClientRequest(Object request) {
        this.request = request;
    }

    @Override
    public String method() {
        return String.valueOf(LibraryMethods.call(request, REQUEST, "method"));
    }

    @Override
    public String path() {
        String path = url().getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    @Override
    public String host() {
        return url().getHost();
    }

    @Override
    public int port() {
        return portOf(url().getScheme(), url().getPort());
    }

    private URI url() {
        return (URI) LibraryMethods.call(request, REQUEST, "url");
    }

    /** A {@code Mono} of a {@code ClientResponse} of that status with an empty body, as the connector would give. */
    @Override
    Object answer(int status, String returnType) {
        Object code = LibraryMethods.callStatic(request, "org.springframework.http.HttpStatusCode", "valueOf", new Class<?>[] {int.class}, status);
        Object builder = LibraryMethods.callStatic(request, RESPONSE, "create",
                new Class<?>[] {LibraryMethods.load(request, "org.springframework.http.HttpStatusCode")}, code);
        Object response = LibraryMethods.call(builder, RESPONSE + "$Builder", "build");
        return LibraryMethods.callStatic(request, "reactor.core.publisher.Mono", "just", new Class<?>[] {Object.class}, response);
    }
}
