package dev.chaosagent.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The verdict and why, in sentences: which threshold broke and when, what the abort said, and
 * what the per-second samples show of the injections after it.
 *
 * @param kind {@code held}, {@code broken}, {@code aborted}, {@code not-steady}, {@code completed},
 *     {@code unfinished} (no {@code experiment-ended} line) or {@code plain} (not an experiment)
 */
record Verdict(String kind, String headline, List<String> reasons) {

    static Verdict of(Timeline timeline) {
        List<String> reasons = new ArrayList<>();
        if (!timeline.isExperiment()) {
            long injections = timeline.injectionTotals.values().stream().mapToLong(Long::longValue).sum();
            reasons.add("A plain run, not an experiment: " + plural(timeline.rules.size(), "rule") + ", "
                    + plural(injections, "injection") + " in all.");
            return new Verdict("plain", "No experiment", reasons);
        }
        String kind = timeline.verdict == null ? "unfinished" : timeline.verdict;
        PlannedExperiment.Hypothesis hypothesis = timeline.experiment.hypothesis();
        Timeline.Mark abort = timeline.aborts.isEmpty() ? null : timeline.aborts.get(0);
        Timeline.Mark breach = breachBefore(timeline, abort);
        switch (kind) {
            case "held" -> reasons.add("The hypothesis held in every phase: " + thresholds(hypothesis) + ".");
            case "not-steady" -> reasons.add(notSteady(timeline));
            case "completed" -> reasons.add("The experiment had no hypothesis to test; its phases ran to the end.");
            case "unfinished" -> reasons.add("The journal ends at " + Format.offset(timeline.end)
                    + " with no experiment-ended line: the JVM stopped, or the journal was cut, before the experiment ended.");
            default -> {
                // broken and aborted: the breach and the abort below say why
            }
        }
        if (breach != null) {
            reasons.add(breach(breach));
        }
        if (abort != null) {
            reasons.add(abort(abort, breach));
            String stopped = injectionsAfter(timeline, abort);
            if (stopped != null) {
                reasons.add(stopped);
            }
        }
        if (kind.equals("broken") && abort == null) {
            reasons.add("Nothing aborted the experiment: its rules kept acting to the end of their phases.");
        }
        List<String> unreached = timeline.phases.stream().filter(phase -> phase.start() == null).map(Timeline.Phase::name).toList();
        if (!unreached.isEmpty()) {
            reasons.add(plural(unreached.size(), "planned phase") + " never started: " + String.join(", ", unreached) + ".");
        }
        if (timeline.verdictAt != null && timeline.verdictMessage != null) {
            reasons.add("Ended at " + Format.offset(timeline.verdictAt) + ": " + timeline.verdictMessage
                    + (timeline.verdictMessage.endsWith(".") ? "" : "."));
        }
        return new Verdict(kind, headline(kind), reasons);
    }

    private static String headline(String kind) {
        return switch (kind) {
            case "held" -> "Hypothesis held";
            case "broken" -> "Hypothesis broken";
            case "aborted" -> "Aborted";
            case "not-steady" -> "Not steady";
            case "completed" -> "Completed";
            case "unfinished" -> "Unfinished";
            default -> kind;
        };
    }

    /** The breach that led to the abort: the last one before it (a resumed plan may break again later). */
    private static Timeline.Mark breachBefore(Timeline timeline, Timeline.Mark abort) {
        Timeline.Mark found = null;
        for (Timeline.Mark breach : timeline.breaches) {
            if (abort == null ? found == null : breach.at() <= abort.at()) {
                found = breach;
            }
        }
        return found;
    }

    private static String thresholds(PlannedExperiment.Hypothesis hypothesis) {
        if (hypothesis == null) {
            return "no thresholds were given";
        }
        String text = "success stayed at or above " + Format.percent(hypothesis.success());
        if (hypothesis.p99Ms() != null) {
            text += " and p99 at or below " + Format.millis(hypothesis.p99Ms());
        }
        return text + (hypothesis.windowMs() == null ? "" : " over a " + Format.duration(hypothesis.windowMs()) + " window");
    }

    private static String notSteady(Timeline timeline) {
        Timeline.Phase steady = timeline.phases.isEmpty() ? null : timeline.phases.get(0);
        if (steady == null || !steady.ended()) {
            return "The steady state did not hold at the end of the first phase: nothing was ever injected.";
        }
        return "The steady state did not hold at the end of phase \u201c" + steady.name() + "\u201d (" + figures(steady.success(),
                steady.p99Ms(), steady.calls()) + "): nothing was ever injected.";
    }

    private static String breach(Timeline.Mark breach) {
        JournalLine line = breach.line();
        String reason = breach.reason() != null ? breach.reason() : line.string("message") != null ? line.string("message") : "no reason given";
        return "The hypothesis broke at " + Format.offset(breach.at()) + in(breach) + ": " + reason + " (the window then: "
                + figures(line.number("success"), line.number("p99Ms"), line.count("windowCalls")) + ").";
    }

    private static String abort(Timeline.Mark abort, Timeline.Mark breach) {
        String after = breach == null ? "" : ", " + Format.gap(abort.at() - breach.at()) + " after the breach";
        if (breach != null && abort.at() - breach.at() < 0.0005) {
            after = ", in the same millisecond as the breach";
        }
        String message = abort.line().string("message");
        return "The agent aborted at " + Format.offset(abort.at()) + in(abort) + (abort.reason() == null ? "" : " (reason: " + abort.reason() + ")") + after
                + (message == null ? "." : ": " + message + (message.endsWith(".") ? "" : "."));
    }

    /**
     * What the samples tell of the injections after the abort. They count per second, so they bound
     * the last injection to a second; the milliseconds are in the abort tests, not in a journal.
     */
    private static String injectionsAfter(Timeline timeline, Timeline.Mark abort) {
        if (timeline.samples.isEmpty()) {
            return null;
        }
        long after = 0;
        double lastEnd = -1;
        for (Timeline.Sample sample : timeline.samples) {
            long injected = sample.injections().values().stream().mapToLong(Long::longValue).sum();
            if (injected > 0 && sample.start() >= abort.at()) {
                after += injected;
            }
            if (injected > 0) {
                lastEnd = sample.end();
            }
        }
        if (after > 0) {
            return plural(after, "injection") + " counted in the seconds after the abort, the last in the second that ends at "
                    + Format.offset(lastEnd) + ".";
        }
        if (lastEnd < 0) {
            return "No injection was counted in any second of the experiment.";
        }
        return "The last injection was counted in the second that ends at " + Format.offset(lastEnd)
                + "; none in the seconds after the abort.";
    }

    private static String in(Timeline.Mark mark) {
        return mark.phase() == null ? "" : " in phase \u201c" + mark.phase() + "\u201d";
    }

    private static String figures(Double success, Double p99Ms, long calls) {
        return "success " + Format.percent(success) + ", p99 " + Format.millis(p99Ms) + " over " + plural(calls, "call");
    }

    static String plural(long count, String noun) {
        return Format.count(count) + " " + noun + (count == 1 ? "" : "s");
    }
}
