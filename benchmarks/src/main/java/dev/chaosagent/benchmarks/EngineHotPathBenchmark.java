package dev.chaosagent.benchmarks;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.engine.spi.OpenCall;
import dev.chaosagent.engine.spi.SiteTable;
import dev.chaosagent.engine.spi.WovenMethod;
import dev.chaosagent.rule.RuleParser;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The engine's decision for one call, without any instrumentation around it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EngineHotPathBenchmark {

    @Param({"none", "disabled", "p0.0001", "p0.01", "every1000"})
    public String rule;

    private ChaosEngine engine;
    private SiteTable sites;
    private int site;

    @Setup
    public void setUp() {
        engine = ChaosEngine.create();
        sites = SiteTable.of(engine);
        site = sites.register(new WovenMethod("com.example.A", "m", List.of(), "int", List.of(), Set.of(), false));
        RuleParser parser = new RuleParser(getClass().getClassLoader());
        String spec = switch (rule) {
            case "none" -> null;
            case "disabled" -> "enabled=false";
            case "p0.0001" -> "probability=0.0001";
            case "p0.01" -> "probability=0.01";
            default -> "every=1000";
        };
        if (spec != null) {
            engine.add(parser.parse("name=r target=com.example.A#m latency=0ms " + spec));
        }
    }

    /** One call as woven code makes it: entry, then exit when the entry opened the call. */
    @Benchmark
    public Object call() throws Throwable {
        Object entered = sites.enter(site);
        return entered instanceof OpenCall ? sites.exit(entered, true) : entered;
    }
}
