package dev.chaosagent.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an experiment set out to do, from its {@code experiment-started} line: the plan and its
 * settings, the hypothesis, the abort conditions, the planned phases and the rules.
 */
record PlannedExperiment(String plan, String pod, Long seed, boolean dryRun, Hypothesis hypothesis, Abort abort,
        List<PlannedPhase> phases, List<String> rules) {

    /** The steady state; {@code observe} is the target pattern or the preset with its keys. */
    record Hypothesis(String observe, Double windowMs, Double minCalls, Double success, Double p99Ms) {
    }

    record Abort(Boolean onBrokenHypothesis, Double heap, Double afterMs) {
    }

    record PlannedPhase(String name, Double durationMs, List<String> rules) {
    }

    static PlannedExperiment of(JournalLine started) {
        Boolean dryRun = started.bool("dryRun");
        JournalLine hypothesis = started.inside("hypothesis");
        JournalLine abort = started.inside("abort");
        List<PlannedPhase> phases = new ArrayList<>();
        for (Object element : started.list("phases")) {
            JournalLine phase = started.element("phases", element);
            phases.add(new PlannedPhase(Timeline.named(phase.string("name")), phase.number("durationMs"), strings(phase, "rules")));
        }
        return new PlannedExperiment(started.string("plan"), started.string("pod"), seed(started), Boolean.TRUE.equals(dryRun),
                hypothesis == null ? null : new Hypothesis(observe(hypothesis), hypothesis.number("windowMs"),
                        hypothesis.number("minCalls"), hypothesis.number("success"), hypothesis.number("p99Ms")),
                abort == null ? null : new Abort(abort.bool("onBrokenHypothesis"), abort.number("heap"), abort.number("afterMs")),
                List.copyOf(phases), strings(started, "rules"));
    }

    private static Long seed(JournalLine started) {
        Double seed = started.number("seed");
        return seed == null ? null : Math.round(seed);
    }

    /** {@code com.acme.Shop#album}, or {@code preset http-server (path=/album)}. */
    private static String observe(JournalLine hypothesis) {
        String observe = hypothesis.string("observe");
        String preset = hypothesis.string("preset");
        if (observe != null || preset == null) {
            return observe;
        }
        Map<String, Object> keys = new LinkedHashMap<>(hypothesis.fields());
        keys.keySet().removeAll(List.of("preset", "observe", "windowMs", "minCalls", "success", "p99Ms"));
        StringBuilder text = new StringBuilder("preset ").append(preset);
        if (!keys.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            keys.forEach((key, value) -> pairs.add(key + "=" + value));
            text.append(" (").append(String.join(", ", pairs)).append(')');
        }
        return text.toString();
    }

    static List<String> strings(JournalLine line, String key) {
        List<String> strings = new ArrayList<>();
        for (Object item : line.list(key)) {
            strings.add(line.cast(key, item, String.class, "an array of strings"));
        }
        return List.copyOf(strings);
    }
}
