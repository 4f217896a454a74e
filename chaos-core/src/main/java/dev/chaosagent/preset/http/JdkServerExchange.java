package dev.chaosagent.preset.http;

import java.net.URI;

/**
 * A request of the JDK's {@code com.sun.net.httpserver}, at {@code HttpHandler#handle}: the JDK runs
 * the application's filters and then its own link handler into the context's handler, so an answer
 * there comes after the application's filters and before its handler.
 */
final class JdkServerExchange extends HttpOperation {

    static final String EXCHANGE = "com.sun.net.httpserver.HttpExchange";
    private static final String HEADERS = "com.sun.net.httpserver.Headers";
    private static final Class<?>[] STRING = {String.class};
    private static final Class<?>[] INT_LONG = {int.class, long.class};

    private final Object exchange;

    JdkServerExchange(Object exchange) {
        this.exchange = exchange;
    }

    @Override
    public String method() {
        return (String) LibraryMethods.call(exchange, EXCHANGE, "getRequestMethod");
    }

    @Override
    public String path() {
        return ((URI) LibraryMethods.call(exchange, EXCHANGE, "getRequestURI")).getRawPath();
    }

    @Override
    public String header(String name) {
        Object headers = LibraryMethods.call(exchange, EXCHANGE, "getRequestHeaders");
        return (String) LibraryMethods.call(headers, HEADERS, "getFirst", STRING, name);
    }

    /** Sends {@code status} with no body and ends the exchange; the handler is then skipped. */
    @Override
    Object answer(int status, String returnType) {
        LibraryMethods.call(exchange, EXCHANGE, "sendResponseHeaders", INT_LONG, status, -1L);
        LibraryMethods.call(exchange, EXCHANGE, "close");
        return null;
    }
}
