package dev.chaosagent.benchmarks;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.engine.spi.OpenCall;
import dev.chaosagent.engine.spi.SiteTable;
import dev.chaosagent.engine.spi.WovenMethod;
import dev.chaosagent.rule.RuleParser;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Requested against observed injected latency: for each delay, how much longer than asked the
 * calls took (p50, p99, max). Run: {@code java -cp benchmarks/target/benchmarks.jar dev.chaosagent.benchmarks.LatencyFidelity}.
 */
public final class LatencyFidelity {

    private LatencyFidelity() {
    }

    record Row(String requested, int calls, double p50, double p99, double max) {
    }

    public static void main(String[] args) throws Throwable {
        List<Row> rows = rows();
        System.out.println("| requested | calls | p50 over | p99 over | max over |");
        System.out.println("|---|---|---|---|---|");
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.3f ms | %.3f ms | %.3f ms |%n", row.requested(), row.calls(), row.p50(), row.p99(), row.max());
        }
    }

    static List<Row> rows() throws Throwable {
        return List.of(measure("1ms", 1_000_000L, 1_000), measure("10ms", 10_000_000L, 300), measure("100ms", 100_000_000L, 50));
    }

    /** The p99 overshoot of each delay, against the target of 2 ms. */
    static List<Figure> figures() throws Throwable {
        return rows().stream().map(row -> new Figure("injected latency " + row.requested() + ": p99 over the request (p50 "
                + String.format(java.util.Locale.ROOT, "%.2f", row.p50()) + ", max " + String.format(java.util.Locale.ROOT, "%.2f", row.max())
                + " ms)", row.p99(), "ms", "< 2 ms", row.p99() < 2)).toList();
    }

    static Row measure(String latency, long requestedNanos, int calls) throws Throwable {
        ChaosEngine engine = ChaosEngine.create();
        SiteTable sites = SiteTable.of(engine);
        int site = sites.register(new WovenMethod("com.example.A", "m", List.of(), "void", List.of(), Set.of(), false));
        engine.add(new RuleParser(LatencyFidelity.class.getClassLoader()).parse("name=l target=com.example.A#m latency=" + latency));
        for (int i = 0; i < Math.min(calls, 20); i++) {
            call(sites, site);
        }
        double[] over = new double[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            call(sites, site);
            over[i] = (System.nanoTime() - start - requestedNanos) / 1e6;
        }
        Arrays.sort(over);
        return new Row(latency, calls, over[calls / 2], over[(int) Math.ceil(calls * 0.99) - 1], over[calls - 1]);
    }

    /** One call as woven code makes it: the latency is at entry; the exit only when the entry opened the call. */
    private static void call(SiteTable sites, int site) throws Throwable {
        Object entered = sites.enter(site);
        if (entered instanceof OpenCall) {
            sites.exit(entered, true);
        }
    }
}
