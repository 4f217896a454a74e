package dev.chaosagent.metrics;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.engine.ChaosEvent;
import dev.chaosagent.rule.Rule;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds an engine's counters to a Micrometer registry: {@code chaos.injections} (tags {@code rule},
 * {@code fault}), {@code chaos.calls} (tag {@code rule}), the gauge {@code chaos.rules.active} and the gauge
 * {@code chaos.memory.retained} (bytes that memory faults hold, all rules together, up to the cap).
 * The counters read the engine's own (no work on the per-call path) and follow its events: a rule's
 * meters appear when it is added and go when it ends.
 */
public final class ChaosMetrics implements MeterBinder {

    public static final String INJECTIONS = "chaos.injections";
    public static final String CALLS = "chaos.calls";
    public static final String RULES_ACTIVE = "chaos.rules.active";
    public static final String MEMORY_RETAINED = "chaos.memory.retained";

    private final ChaosEngine engine;
    private final Map<MeterRegistry, Map<String, List<Meter>>> bound = new ConcurrentHashMap<>();

    public ChaosMetrics(ChaosEngine engine) {
        this.engine = engine;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Map<String, List<Meter>> meters = new ConcurrentHashMap<>();
        if (bound.putIfAbsent(registry, meters) != null) {
            return;
        }
        Gauge.builder(RULES_ACTIVE, engine, e -> e.ruleNames().size())
                .description("Rules currently in the chaos engine")
                .register(registry);
        Gauge.builder(MEMORY_RETAINED, engine, ChaosEngine::retainedHeapBytes)
                .description("Heap retained by memory faults, all rules together, until their rules end")
                .baseUnit("bytes")
                .register(registry);
        engine.addListener(event -> follow(registry, meters, event));
        for (Rule rule : engine.rules()) {
            register(registry, meters, rule);
        }
    }

    private void follow(MeterRegistry registry, Map<String, List<Meter>> meters, ChaosEvent event) {
        if (event.rule() == null) {
            return;
        }
        switch (event.type()) {
            case ADDED, REPLACED -> {
                unregister(registry, meters, event.rule());
                engine.rule(event.rule()).ifPresent(rule -> register(registry, meters, rule));
            }
            case REMOVED, EXPIRED -> unregister(registry, meters, event.rule());
            default -> {
                // state changes keep the meters
            }
        }
    }

    private void register(MeterRegistry registry, Map<String, List<Meter>> meters, Rule rule) {
        String name = rule.name();
        Meter injections = FunctionCounter.builder(INJECTIONS, engine, e -> count(e, name, true))
                .description("Faults injected by a chaos rule")
                .tag("rule", name)
                .tag("fault", rule.fault().key())
                .register(registry);
        Meter calls = FunctionCounter.builder(CALLS, engine, e -> count(e, name, false))
                .description("Eligible calls seen by a chaos rule")
                .tag("rule", name)
                .register(registry);
        meters.put(name, List.of(injections, calls));
    }

    private static void unregister(MeterRegistry registry, Map<String, List<Meter>> meters, String rule) {
        List<Meter> old = meters.remove(rule);
        if (old != null) {
            old.forEach(registry::remove);
        }
    }

    private static double count(ChaosEngine engine, String rule, boolean injections) {
        try {
            return injections ? engine.injections(rule) : engine.calls(rule);
        } catch (IllegalArgumentException gone) {
            return 0;
        }
    }
}
