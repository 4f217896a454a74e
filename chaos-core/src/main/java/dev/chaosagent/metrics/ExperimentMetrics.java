package dev.chaosagent.metrics;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.engine.ChaosEvent;
import dev.chaosagent.experiment.ExperimentStatus;
import dev.chaosagent.experiment.Experiments;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The experiment's meters: {@code chaos.experiment.phase{plan,phase}} (1 for the current phase
 * only), {@code chaos.hypothesis.success.ratio{plan}} and {@code chaos.hypothesis.p99.seconds{plan}}
 * (the sliding window, NaN below minCalls), and {@code chaos.experiment.aborted{plan,reason}} (1
 * while aborted, so that a fleet's sum counts its aborted pods). The series follow the journal's
 * events, read from the events themselves: a listener must never wait for the experiment.
 */
public final class ExperimentMetrics implements MeterBinder {

    public static final String PHASE = "chaos.experiment.phase";
    public static final String SUCCESS = "chaos.hypothesis.success.ratio";
    public static final String P99 = "chaos.hypothesis.p99.seconds";
    public static final String ABORTED = "chaos.experiment.aborted";

    private final ChaosEngine engine;
    private final Experiments experiments;
    private final Map<MeterRegistry, Boolean> bound = new ConcurrentHashMap<>();

    public ExperimentMetrics(ChaosEngine engine, Experiments experiments) {
        this.engine = engine;
        this.experiments = experiments;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (bound.putIfAbsent(registry, Boolean.TRUE) != null) {
            return;
        }
        Series series = new Series(registry);
        experiments.status().ifPresent(status -> series.started(status.plan(), status.phase()));
        engine.addListener(series::follow);
    }

    private final class Series {
        private final MultiGauge phase;
        private final MultiGauge success;
        private final MultiGauge p99;
        private final MultiGauge aborted;
        private final List<MultiGauge.Row<?>> abortedRows = new ArrayList<>();

        Series(MeterRegistry registry) {
            phase = MultiGauge.builder(PHASE).description("The experiment's current phase (1), by plan and phase").register(registry);
            success = MultiGauge.builder(SUCCESS).description("Share of observed calls that succeeded in the hypothesis's window")
                    .register(registry);
            p99 = MultiGauge.builder(P99).baseUnit("seconds").description("99th percentile of observed calls in the hypothesis's window")
                    .register(registry);
            aborted = MultiGauge.builder(ABORTED).description("1 while the experiment is aborted, by plan and reason").register(registry);
        }

        synchronized void follow(ChaosEvent event) {
            String plan = event.plan();
            Object phaseName = event.details().get("phase");
            switch (event.type()) {
                case EXPERIMENT_STARTED -> started(plan, phaseName == null ? null : phaseName.toString());
                case PHASE_STARTED -> phase.register(List.of(MultiGauge.Row.of(Tags.of("plan", plan, "phase", String.valueOf(phaseName)), 1)), true);
                case EXPERIMENT_ENDED -> phase.register(List.of(), true);
                case ABORTED -> {
                    abortedRows.add(MultiGauge.Row.of(Tags.of("plan", plan, "reason", String.valueOf(event.details().get("reason"))), 1));
                    aborted.register(abortedRows, true);
                }
                case RESUMED -> {
                    abortedRows.clear();
                    aborted.register(abortedRows, true);
                }
                default -> {
                    // the other events change no series
                }
            }
        }

        synchronized void started(String plan, String phaseName) {
            abortedRows.clear();
            aborted.register(abortedRows, true);
            phase.register(phaseName == null ? List.of() : List.of(MultiGauge.Row.of(Tags.of("plan", plan, "phase", phaseName), 1)), true);
            success.register(List.of(MultiGauge.Row.of(Tags.of("plan", plan), experiments, reading(ExperimentStatus::success))), true);
            p99.register(List.of(MultiGauge.Row.of(Tags.of("plan", plan), experiments, reading(ExperimentStatus::p99Seconds))), true);
        }

        private ToDoubleFunction<Experiments> reading(ToDoubleFunction<ExperimentStatus> value) {
            return current -> current.status().map(value::applyAsDouble).orElse(Double.NaN);
        }
    }
}
