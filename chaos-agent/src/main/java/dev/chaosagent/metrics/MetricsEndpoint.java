package dev.chaosagent.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.chaosagent.engine.AgentWork;
import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.experiment.Experiments;
import dev.chaosagent.plan.Arming;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Prometheus text at {@code http://HOST:PORT/metrics}, from the agent's own (relocated) Micrometer:
 * the engine's meters, the experiment's and {@code chaos_plan_info{plan,selected}}. It binds the loopback address
 * unless told otherwise (a pod scraped from another pod): metrics of an experiment are nobody
 * else's business.
 */
public final class MetricsEndpoint implements AutoCloseable {

    static final String PLAN_INFO = "chaos.plan.info";

    private final HttpServer server;

    private MetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts serving on this address, with the plan's arming as {@code chaos_plan_info}. Call it
     * from a daemon thread: the server's own threads inherit that, so they never keep the
     * application's JVM alive.
     *
     * @param port the port, or 0 for one the system picks ({@link #port()} tells which)
     * @param plan whether the current plan arms this JVM (it gives null until a plan is good), or null without a plan file
     * @throws IOException when the port cannot be bound (in use, or not allowed)
     */
    public static MetricsEndpoint start(ChaosEngine engine, InetAddress host, int port, Supplier<Arming> plan) throws IOException {
        return start(engine, host, port, plan, null);
    }

    /** As {@link #start(ChaosEngine, InetAddress, int, Supplier)}, with the experiment's meters when {@code experiments} is not null. */
    public static MetricsEndpoint start(ChaosEngine engine, InetAddress host, int port, Supplier<Arming> plan, Experiments experiments)
            throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ChaosMetrics(engine).bindTo(registry);
        if (experiments != null) {
            new ExperimentMetrics(engine, experiments).bindTo(registry);
        }
        PlanInfo info = plan == null ? null : new PlanInfo(registry, plan);
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.setExecutor(Executors.newSingleThreadExecutor(AgentWork.threads("metrics")));
        server.createContext("/", exchange -> respond(exchange, registry, info));
        server.start();
        return new MetricsEndpoint(server);
    }

    private static void respond(HttpExchange exchange, PrometheusMeterRegistry registry, PlanInfo info) throws IOException {
        try (exchange) {
            boolean found = exchange.getRequestURI().getPath().equals("/metrics");
            if (found && info != null) {
                info.update();
            }
            byte[] body = (found ? registry.scrape() : "not found: try /metrics\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type",
                    found ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(found ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The port bound, which the agent logs: a test or a script starts with {@code metrics=0} and reads it there. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * {@code chaos_plan_info{plan,selected} 1}: one series for the plan in force, its labels brought
     * up to date at each scrape (on the endpoint's one thread), so a renamed plan or a change of
     * arming replaces the series rather than adding one.
     */
    private static final class PlanInfo {
        private final MultiGauge gauge;
        private final Supplier<Arming> plan;
        private Arming shown;

        PlanInfo(PrometheusMeterRegistry registry, Supplier<Arming> plan) {
            this.gauge = MultiGauge.builder(PLAN_INFO)
                    .description("The plan in this JVM's plan file (plan: its name) and whether it arms this JVM now (selected)")
                    .register(registry);
            this.plan = plan;
        }

        void update() {
            Arming now = plan.get();
            if (now == null || now.equals(shown)) {
                return;
            }
            shown = now;
            Tags tags = Tags.of("plan", now.plan() == null ? "" : now.plan(), "selected", Boolean.toString(now.armed()));
            gauge.register(List.of(MultiGauge.Row.of(tags, 1)), true);
        }
    }
}
