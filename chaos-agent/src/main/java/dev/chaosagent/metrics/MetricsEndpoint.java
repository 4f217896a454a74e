package dev.chaosagent.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.chaosagent.engine.AgentWork;
import dev.chaosagent.engine.ChaosEngine;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * Prometheus text at {@code http://127.0.0.1:PORT/metrics}, from the agent's own (relocated)
 * Micrometer. It binds the loopback address only: metrics of an experiment are nobody else's business.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private final HttpServer server;

    private MetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts serving. Call it from a daemon thread: the server's own threads inherit that, so they
     * never keep the application's JVM alive.
     *
     * @throws IOException when the port cannot be bound (in use, or not allowed)
     */
    public static MetricsEndpoint start(ChaosEngine engine, int port) throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ChaosMetrics(engine).bindTo(registry);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newSingleThreadExecutor(AgentWork.threads("metrics")));
        server.createContext("/", exchange -> respond(exchange, registry));
        server.start();
        return new MetricsEndpoint(server);
    }

    private static void respond(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        try (exchange) {
            boolean found = exchange.getRequestURI().getPath().equals("/metrics");
            byte[] body = (found ? registry.scrape() : "not found: try /metrics\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type",
                    found ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(found ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
