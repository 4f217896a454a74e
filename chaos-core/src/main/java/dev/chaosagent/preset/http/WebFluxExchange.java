package dev.chaosagent.preset.http;

import java.net.URI;

/**
 * A request of Spring WebFlux (on Netty or any other server), at its
 * {@code org.springframework.http.server.reactive.HttpHandler#handle}: where Spring takes over from
 * the server, before its {@code WebFilter}s, handlers and controllers.
 */
final class WebFluxExchange extends HttpOperation {

    static final String REQUEST = "org.springframework.http.server.reactive.ServerHttpRequest";
    private static final String HTTP_REQUEST = "org.springframework.http.HttpRequest";
    private static final String MESSAGE = "org.springframework.http.HttpMessage";
    private static final String RESPONSE = "org.springframework.http.server.reactive.ServerHttpResponse";
    private static final String STATUS = "org.springframework.http.HttpStatusCode";

    private final Object request;
    private final Object response;

    WebFluxExchange(Object request, Object response) {
        this.request = request;
        this.response = response;
    }

    @Override
    public String method() {
        return String.valueOf(LibraryMethods.call(request, HTTP_REQUEST, "getMethod"));
    }

    @Override
    public String path() {
        return ((URI) LibraryMethods.call(request, HTTP_REQUEST, "getURI")).getRawPath();
    }

    @Override
    public String header(String name) {
        Object headers = LibraryMethods.call(request, MESSAGE, "getHeaders");
        return (String) LibraryMethods.call(headers, "org.springframework.http.HttpHeaders", "getFirst", new Class<?>[] {String.class}, name);
    }

    /** Sets the status and completes the response: the {@code Mono<Void>} the handler would have returned. */
    @Override
    Object answer(int status, String returnType) {
        Object code = LibraryMethods.callStatic(response, STATUS, "valueOf", new Class<?>[] {int.class}, status);
        LibraryMethods.call(response, RESPONSE, "setStatusCode", new Class<?>[] {LibraryMethods.load(response, STATUS)}, code);
        return LibraryMethods.call(response, "org.springframework.http.ReactiveHttpOutputMessage", "setComplete");
    }
}
