package dev.chaosagent.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened, on one clock: the journal's lines turned into phases, per-second samples,
 * injections per rule, the breaches and aborts, the verdict and the rules, each at its offset in
 * seconds from the start (the {@code experiment-started} line, or the first line of a plain run).
 * A journal that holds several experiments (a file appended to by several runs) is read from the
 * last {@code experiment-started} on.
 */
final class Timeline {

    /** A phase as it ran, with its {@code phase-ended} figures; {@code start} is null for a planned phase never reached. */
    record Phase(String name, Double start, Double end, List<String> rules, Double plannedMs, boolean ended,
            long calls, Double success, Double p99Ms, long injections) {

        boolean injects() {
            return !rules.isEmpty();
        }
    }

    /**
     * One {@code observed} line: the second that ends at {@code end}. It starts where the sample
     * before it ended, so that a timer a few milliseconds late leaves no gap in the chart; the first,
     * and one after a silence of more than two seconds, starts a second before its end.
     */
    record Sample(double start, double end, long calls, long failures, Double success, Double p99Ms, long windowCalls,
            Map<String, Long> injections) {
    }

    /** A rule's injections per second, constant from {@code from} to {@code to}. */
    record Step(double from, double to, double perSecond) {
    }

    /** A moment worth a line on the chart: a breach, an abort, a resume. */
    record Mark(double at, String phase, String reason, JournalLine line) {
    }

    /** A rule of the run, its one-line spec, and where it came from (the plan, or added during the run). */
    record Rule(String name, String spec, String source) {
    }

    final JournalFile file;
    final int firstLine;
    final int experimentsInFile;
    final Instant start;
    final double end;
    final PlannedExperiment experiment;
    final List<Phase> phases = new ArrayList<>();
    final List<Sample> samples = new ArrayList<>();
    final Map<String, List<Step>> injections = new LinkedHashMap<>();
    final Map<String, Long> injectionTotals = new LinkedHashMap<>();
    final List<Mark> breaches = new ArrayList<>();
    final List<Mark> aborts = new ArrayList<>();
    final List<Mark> resumes = new ArrayList<>();
    final List<Rule> rules = new ArrayList<>();
    final List<JournalLine> events = new ArrayList<>();
    String verdict;
    Double verdictAt;
    String verdictMessage;
    /** The first plan named in the lines: an experiment's, or a plain plan's that added rules. */
    String plan;

    private Timeline(JournalFile file, List<JournalLine> lines, int experimentsInFile) {
        this.file = file;
        this.firstLine = lines.get(0).number();
        this.experimentsInFile = experimentsInFile;
        this.start = lines.get(0).time();
        this.end = at(lines.get(lines.size() - 1).time());
        this.experiment = lines.get(0).event().equals("experiment-started") ? PlannedExperiment.of(lines.get(0)) : null;
    }

    static Timeline of(JournalFile file) {
        List<JournalLine> all = file.lines();
        int from = 0;
        int experiments = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).event().equals("experiment-started")) {
                from = i;
                experiments++;
            }
        }
        List<JournalLine> lines = all.subList(from, all.size());
        Timeline timeline = new Timeline(file, lines, experiments);
        timeline.read(lines);
        return timeline;
    }

    /** Seconds from the start. */
    double at(Instant time) {
        return Duration.between(start, time).toNanos() / 1e9;
    }

    boolean isExperiment() {
        return experiment != null;
    }

    /** Whether the injections are per second from samples, rather than from the 10 s {@code injections} lines. */
    boolean injectionsPerSecond() {
        return !samples.isEmpty();
    }

    private void read(List<JournalLine> lines) {
        if (experiment != null) {
            for (String spec : experiment.rules()) {
                rules.add(new Rule(ruleName(spec), spec, "plan"));
            }
        }
        Map<String, Double> lastInjections = new LinkedHashMap<>();
        PhaseInProgress current = null;
        for (JournalLine line : lines) {
            double at = at(line.time());
            if (plan == null) {
                plan = line.string("plan");
            }
            switch (line.event()) {
                case "observed" -> samples.add(sample(line, at));
                case "injections" -> {
                    String rule = named(line.string("rule"));
                    double from = lastInjections.getOrDefault(rule, Math.max(0, at - 10));
                    lastInjections.put(rule, at);
                    long count = line.count("injections") + line.count("wouldInject"); // a dry run's rule would have injected
                    injections.computeIfAbsent(rule, r -> new ArrayList<>()).add(new Step(from, at, count / Math.max(at - from, 1)));
                    injectionTotals.merge(rule, count, Long::sum);
                }
                case "phase-started" -> {
                    current = close(current, at);
                    current = new PhaseInProgress(named(line.string("phase")), at, PlannedExperiment.strings(line, "rules"), line.number("durationMs"));
                }
                case "phase-ended" -> {
                    if (current == null || !current.name.equals(named(line.string("phase")))) {
                        current = close(current, at);
                        current = new PhaseInProgress(named(line.string("phase")), phases.isEmpty() ? 0 : phases.get(phases.size() - 1).end(),
                                List.of(), null);
                    }
                    phases.add(new Phase(current.name, current.start, at, current.rules, current.plannedMs, true,
                            line.count("calls"), line.number("success"), line.number("p99Ms"), line.count("injections")));
                    current = null;
                }
                case "hypothesis-broken" -> breaches.add(new Mark(at, line.string("phase"), line.string("reason"), line));
                case "aborted" -> aborts.add(new Mark(at, line.string("phase"), line.string("reason"), line));
                case "resumed" -> resumes.add(new Mark(at, line.string("phase"), null, line));
                case "experiment-ended" -> {
                    verdict = line.string("verdict");
                    verdictAt = at;
                    verdictMessage = line.string("message");
                }
                case "added", "replaced" -> {
                    String name = line.string("rule");
                    if (name != null && rules.stream().noneMatch(rule -> rule.name().equals(name))) {
                        lastInjections.put(name, at);
                        rules.add(new Rule(name, spec(line.string("message")), line.event() + " at " + Format.offset(at)));
                    }
                }
                default -> {
                    // every other event only goes to the list of events
                }
            }
            if (!line.event().equals("observed") && !line.event().equals("injections")) {
                events.add(line);
            }
        }
        close(current, end);
        addUnreachedPhases();
        if (!samples.isEmpty()) {
            perSecondInjections();
        }
    }

    private Sample sample(JournalLine line, double at) {
        Map<String, Long> counts = new LinkedHashMap<>();
        JournalLine perRule = line.inside("injections");
        if (perRule != null) {
            for (String rule : perRule.fields().keySet()) {
                counts.put(rule, perRule.count(rule));
            }
        }
        double previous = samples.isEmpty() ? Double.NEGATIVE_INFINITY : samples.get(samples.size() - 1).end();
        double start = at - previous <= 2 && at > previous ? previous : Math.max(0, at - 1);
        return new Sample(start, at, line.count("calls"), line.count("failures"), line.number("success"), line.number("p99Ms"),
                line.count("windowCalls"), counts);
    }

    /** From the samples, each rule's injections second by second; the 10 s lines only count when there are no samples. */
    private void perSecondInjections() {
        injections.clear();
        injectionTotals.clear();
        for (Sample sample : samples) {
            sample.injections().forEach((rule, count) -> injectionTotals.merge(rule, count, Long::sum));
        }
        for (String rule : injectionTotals.keySet()) {
            List<Step> steps = new ArrayList<>();
            for (Sample sample : samples) {
                steps.add(new Step(sample.start(), sample.end(), sample.injections().getOrDefault(rule, 0L)));
            }
            injections.put(rule, steps);
        }
    }

    private record PhaseInProgress(String name, double start, List<String> rules, Double plannedMs) {
    }

    /** A phase that started and has no {@code phase-ended} line ends where the next begins, or with the journal. */
    private PhaseInProgress close(PhaseInProgress phase, double at) {
        if (phase != null) {
            phases.add(new Phase(phase.name, phase.start, at, phase.rules, phase.plannedMs, false, 0, null, null, 0));
        }
        return null;
    }

    private void addUnreachedPhases() {
        if (experiment == null) {
            return;
        }
        for (PlannedExperiment.PlannedPhase planned : experiment.phases()) {
            if (phases.stream().noneMatch(phase -> phase.name().equals(planned.name()))) {
                phases.add(new Phase(planned.name(), null, null, planned.rules(), planned.durationMs(), false, 0, null, null, 0));
            }
        }
    }

    /** A phase or rule by its name, which a line may lack. */
    static String named(String name) {
        return name == null ? "(unnamed)" : name;
    }

    /** The name in a one-line spec ({@code name=slow-catalog target=...}). */
    static String ruleName(String spec) {
        for (String word : spec.trim().split("\\s+")) {
            if (word.startsWith("name=")) {
                return word.substring("name=".length());
            }
        }
        return spec;
    }

    /** The spec in an {@code added} line's message ({@code rule slow added by plan p: name=slow ...}). */
    private static String spec(String message) {
        if (message == null) {
            return "";
        }
        int colon = message.indexOf(": ");
        return colon < 0 ? message : message.substring(colon + 2);
    }
}
