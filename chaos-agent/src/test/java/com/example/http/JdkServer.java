package com.example.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** The JDK's own server with a filter and a handler, both classes of the application (not lambdas). */
final class JdkServer {

    private JdkServer() {
    }

    static int start(Counters counters) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", new Handler(counters)).getFilters().add(new CountingFilter(counters));
        server.start();
        return server.getAddress().getPort();
    }

    static final class Handler implements HttpHandler {
        private final Counters counters;

        Handler(Counters counters) {
            this.counters = counters;
        }

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            byte[] body = counters.handle(exchange.getRequestMethod(), path).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(counters.status(path), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }
    }

    static final class CountingFilter extends Filter {
        private final Counters counters;

        CountingFilter(Counters counters) {
            this.counters = counters;
        }

        @Override
        public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
            counters.filtered.incrementAndGet();
            chain.doFilter(exchange);
        }

        @Override
        public String description() {
            return "counts requests";
        }
    }
}
