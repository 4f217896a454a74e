package dev.chaosagent.experiment;

import dev.chaosagent.engine.CallObserver;
import dev.chaosagent.engine.ObservedCalls;
import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.engine.ChaosEvent.Type;
import dev.chaosagent.engine.PlanGate;
import dev.chaosagent.plan.ExperimentSpec;
import dev.chaosagent.plan.Hypothesis;
import dev.chaosagent.plan.Phase;
import dev.chaosagent.plan.Plan;
import dev.chaosagent.rule.DurationRange;
import dev.chaosagent.rule.Rule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One experiment, from its plan's load to its verdict: it measures the observed calls, runs the
 * phases on the JVM's clock (enabling each phase's rules and disabling the others), gates them on
 * the steady state, and aborts. Its state changes under its own lock, on the clock's thread or a
 * door's; the one exception is the observed call that breaks the hypothesis, which closes the
 * plan's {@link PlanGate} on its own thread at its exit, so no rule of the plan injects from then
 * on, and leaves the rest (the journal, removing the rules) to the clock's thread.
 */
final class Experiment implements CallObserver {

    enum State { RUNNING, ABORTED, ENDED }

    private static final long SAMPLE_MILLIS = 1000;

    private final ChaosEngine engine;
    private final ScheduledExecutorService clock;
    private final String name;
    private final String pod;
    /** When the plan was loaded, set once its rules are in place: the phases' and the cap's clock. */
    private long startNanos = System.nanoTime();
    private final PlanGate gate;
    private final AtomicBoolean breach = new AtomicBoolean();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private final HeapWatch heapWatch = new HeapWatch(this::heapAbove);

    // Guarded by this.
    private Plan plan;
    private ExperimentSpec spec;
    private int phase = -2;
    private Set<String> acting = Set.of();
    private boolean brokenInInjectingPhase;
    private boolean afterPassed;
    private String abortReason;
    private final Map<String, Long> counted = new HashMap<>();
    private final Map<String, Long> sampleInjections = new LinkedHashMap<>();
    private long phaseInjections;
    private ScheduledFuture<?> sampler;

    // Read on the observed calls' threads.
    private volatile CallWindow window;
    private volatile Hypothesis hypothesis;
    private volatile boolean judging;
    private volatile boolean abortOnBreak;
    private volatile State state = State.RUNNING;
    private volatile String verdict;
    private volatile CallWindow.Reading lastReading = new CallWindow.Reading(0, 0, 0, 0);

    Experiment(ChaosEngine engine, ScheduledExecutorService clock, Plan plan, String pod) {
        this.engine = engine;
        this.clock = clock;
        this.name = plan.name();
        this.pod = pod;
        this.plan = plan;
        this.spec = plan.experiment();
        this.gate = new PlanGate(spec.dryRun());
    }

    String name() {
        return name;
    }

    // ---------------------------------------------------------------- life

    synchronized void start() {
        engine.experimentEvent(Instant.now(), Type.EXPERIMENT_STARTED, name, "experiment " + name + " started" + describeSpec(),
                startedDetails());
        watch(spec.hypothesis());
        phase = spec.phases().isEmpty() ? 0 : -2;
        applyRules();
        startNanos = System.nanoTime();
        if (!spec.phases().isEmpty()) {
            enterPhase(0);
        } else {
            judging = hypothesis != null;
        }
        schedule();
        sampler = clock.scheduleAtFixedRate(this::sample, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        if (spec.abort() != null && spec.abort().heap() > 0) {
            heapWatch.start(spec.abort().heap());
        }
    }

    /**
     * The same plan (by name) reloaded with changes: the experiment goes on on its clock, with the
     * new settings from now on. Its phases are those of the new plan at the time elapsed since the
     * first load; a changed hypothesis starts an empty window; an aborted or ended experiment stays so.
     */
    synchronized void update(Plan next) {
        plan = next;
        ExperimentSpec previous = spec;
        spec = next.experiment();
        gate.dryRun(spec.dryRun());
        if (state == State.ENDED) {
            engine.applyRules(List.of(), name, "experiment " + name + " is over (verdict " + verdict + ")");
            return;
        }
        if (!java.util.Objects.equals(previous.hypothesis(), spec.hypothesis())) {
            watch(spec.hypothesis());
        }
        cancelTimers();
        int now = spec.phaseAt(elapsed());
        if (!spec.phases().isEmpty() && now != phase) {
            enterPhase(now);
            if (state == State.ENDED) {
                return;
            }
        } else if (spec.phases().isEmpty()) {
            phase = 0;
        }
        applyRules();
        judging = state == State.RUNNING && hypothesis != null && currentPhaseInjects();
        schedule();
        heapWatch.stop();
        if (spec.abort() != null && spec.abort().heap() > 0) {
            heapWatch.start(spec.abort().heap());
        }
    }

    /** Ends the experiment now, with the verdict so far: its plan was replaced or removed, or the JVM exits. */
    synchronized void stop(String why) {
        if (state != State.ENDED) {
            end(verdictSoFar(), why);
        }
    }

    private void end(String finalVerdict, String why) {
        drainInjections();
        State was = state;
        state = State.ENDED;
        verdict = finalVerdict;
        judging = false;
        gate.close();
        cancelTimers();
        if (sampler != null) {
            sampler.cancel(false);
        }
        heapWatch.stop();
        engine.stopObserving(this);
        if (was == State.RUNNING) {
            engine.applyRules(List.of(), name, "experiment " + name + " ended");
        }
        Map<String, Object> details = details();
        details.put("verdict", finalVerdict);
        engine.experimentEvent(Instant.now(), Type.EXPERIMENT_ENDED, name, "experiment " + name + " ended: " + finalVerdict
                + (why == null ? "" : " (" + why + ")"), details);
    }

    // ---------------------------------------------------------------- phases

    private void schedule() {
        long elapsed = elapsed();
        List<Phase> phases = spec.phases();
        for (int i = 0; i <= phases.size() && !phases.isEmpty(); i++) {
            long at = spec.phaseStart(i);
            if (at > elapsed) {
                int next = i == phases.size() ? -1 : i;
                timers.add(clock.schedule(() -> onTimer(() -> enterPhase(next)), at - elapsed, TimeUnit.NANOSECONDS));
            }
        }
        if (spec.abort() != null && spec.abort().afterNanos() > 0 && !afterPassed) {
            long left = spec.abort().afterNanos() - elapsed;
            timers.add(clock.schedule(() -> onTimer(this::afterReached), Math.max(0, left), TimeUnit.NANOSECONDS));
        }
    }

    private synchronized void onTimer(Runnable task) {
        if (state != State.ENDED) {
            try {
                task.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger("dev.chaosagent.experiment").warn("experiment {}: {}", name, e.toString());
            }
        }
    }

    private void cancelTimers() {
        timers.forEach(timer -> timer.cancel(false));
        timers.clear();
    }

    /**
     * Ends the current phase and starts phase {@code next} (-1: there is none, the experiment is
     * over). The rules switch first, at the boundary; the journal's lines, which take longer, follow.
     */
    private void enterPhase(int next) {
        Instant boundary = Instant.now();
        List<Phase> phases = spec.phases();
        int ended = phase;
        Runnable endedLine = null;
        if (ended >= 0 && ended < phases.size()) {
            // The ended phase's rules stop first, so that all they injected counts in it.
            stopActing(next < 0 ? Set.of() : phases.get(next).rules());
            endedLine = endPhase(phases.get(ended), boundary);
            if (ended == 0 && spec.gated() && (state == State.RUNNING) && !steady()) {
                endedLine.run();
                end("not-steady", "the hypothesis did not hold in the steady-state phase " + phases.get(0).name()
                        + ", so nothing was injected");
                return;
            }
        }
        if (next < 0) {
            phase = -1;
            if (endedLine != null) {
                endedLine.run();
            }
            end(verdictSoFar(), "its last phase ended");
            return;
        }
        phase = next;
        Phase current = phases.get(next);
        breach.set(false);
        setActing();
        judging = state == State.RUNNING && hypothesis != null && current.injects();
        if (endedLine != null) {
            endedLine.run();
        }
        Map<String, Object> details = details();
        details.put("durationMs", millis(current.durationNanos()));
        details.put("rules", current.rules());
        engine.experimentEvent(boundary, Type.PHASE_STARTED, name, "experiment " + name + ": phase " + current.name()
                + " started for " + DurationRange.format(current.durationNanos())
                + (current.injects() ? " with rules " + String.join(", ", current.rules()) : ", no rule acts"), details);
    }

    /** Takes the ended phase's counts (and starts counting the next); returns the writing of its {@code phase-ended} line. */
    private Runnable endPhase(Phase ended, Instant boundary) {
        drainInjections();
        CallWindow.Reading calls = window().drainPhase();
        long injections = phaseInjections;
        phaseInjections = 0;
        Map<String, Object> details = details();
        details.put("calls", calls.calls());
        details.put("success", ratio(calls.success()));
        details.put("p99Ms", calls.calls() == 0 ? null : millis(calls.p99Nanos()));
        details.put("injections", injections);
        String message = String.format(Locale.ROOT, "experiment %s: phase %s ended: %d calls, %.2f%% succeeded, p99 %s, %d injections",
                name, ended.name(), calls.calls(), 100 * calls.success(), calls.calls() == 0 ? "-" : millis(calls.p99Nanos()) + " ms",
                injections);
        return () -> engine.experimentEvent(boundary, Type.PHASE_ENDED, name, message, details);
    }

    /** Whether the hypothesis holds now, with at least minCalls in the window. */
    private boolean steady() {
        CallWindow.Reading reading = window().window(System.nanoTime());
        return reading.holds(hypothesis.minCalls(), hypothesis.success());
    }

    /** Makes the rules of the current phase act and the others not; under the lock. */
    private void setActing() {
        if (state != State.RUNNING) {
            return;
        }
        Set<String> wanted = actingNow();
        for (Rule rule : plan.rules()) {
            boolean now = wanted.contains(rule.name());
            if (now != acting.contains(rule.name())) {
                if (now) {
                    engine.enable(rule.name());
                } else {
                    engine.disable(rule.name());
                }
            }
        }
        acting = wanted;
    }

    /** Disables the acting rules that are not to be kept; under the lock. */
    private void stopActing(java.util.Collection<String> keep) {
        Set<String> still = new HashSet<>();
        for (String rule : acting) {
            if (keep.contains(rule)) {
                still.add(rule);
            } else {
                engine.disable(rule);
            }
        }
        acting = still;
    }

    /** The plan's rules that act now: those of the current phase, or all without phases; never a rule the plan disables. */
    private Set<String> actingNow() {
        Set<String> names = new HashSet<>();
        List<Phase> phases = spec.phases();
        for (Rule rule : plan.rules()) {
            boolean inPhase = phases.isEmpty() || (phase >= 0 && phase < phases.size() && phases.get(phase).rules().contains(rule.name()));
            if (inPhase && rule.enabled()) {
                names.add(rule.name());
            }
        }
        return names;
    }

    private void applyRules() {
        if (state != State.RUNNING) {
            engine.applyRules(List.of(), name, "experiment " + name + " is " + (state == State.ABORTED ? "aborted" : "over"));
            return;
        }
        Set<String> wanted = actingNow();
        Set<String> dormant = new HashSet<>();
        for (Rule rule : plan.rules()) {
            if (!wanted.contains(rule.name())) {
                dormant.add(rule.name());
            }
        }
        Set<String> present = new HashSet<>(engine.ruleNames());
        engine.setSeed(plan.seed());
        engine.applyRules(plan.rules(), name, "no longer in plan " + name, gate, dormant);
        engine.setEnabled(plan.enabled());
        // Rules kept from before kept their state too: bring those the edit moved in or out of the phase in line.
        Set<String> before = acting;
        for (Rule rule : plan.rules()) {
            if (!present.contains(rule.name())) {
                continue; // added now, dormant or not as its phase says
            }
            if (wanted.contains(rule.name()) && !before.contains(rule.name())) {
                engine.enable(rule.name());
            } else if (!wanted.contains(rule.name()) && before.contains(rule.name())) {
                engine.disable(rule.name());
            }
        }
        acting = wanted;
    }

    private boolean currentPhaseInjects() {
        List<Phase> phases = spec.phases();
        return phases.isEmpty() || (phase >= 0 && phase < phases.size() && phases.get(phase).injects());
    }

    // ---------------------------------------------------------------- the observed calls

    private void watch(Hypothesis next) {
        engine.stopObserving(this);
        hypothesis = next;
        abortOnBreak = spec.abort() != null && spec.abort().onBrokenHypothesis();
        if (next != null) {
            window = new CallWindow(next.windowNanos(), next.p99Nanos());
            engine.observe(new ObservedCalls(this, next.observe(), next.preset(), next.scope()));
        } else {
            window = new CallWindow(Hypothesis.DEFAULT_WINDOW_NANOS, 0);
        }
    }

    private CallWindow window() {
        return window;
    }

    /** An observed call ended, on its own thread: counted, and when it failed or was slow, the hypothesis judged at once. */
    @Override
    public void ended(long durationNanos, boolean failed) {
        CallWindow current = window;
        Hypothesis judged = hypothesis;
        if (current == null || judged == null) {
            return;
        }
        long now = System.nanoTime();
        current.record(now, durationNanos, failed);
        if (judging && (failed || (judged.p99Nanos() > 0 && durationNanos > judged.p99Nanos()))
                && !breach.get() && current.breaks(now, judged.minCalls(), judged.success())) {
            broke(now);
        }
    }

    /** The hypothesis broke: on the breaking call's thread, the gate closes before anything else. */
    private void broke(long nanos) {
        if (!breach.compareAndSet(false, true)) {
            return;
        }
        if (abortOnBreak) {
            gate.close();
        }
        Instant at = Instant.now();
        CallWindow.Reading counts = window.counts(nanos); // once per breach, after the gate: it may allocate
        clock.execute(() -> onTimer(() -> hypothesisBroken(at, nanos, counts)));
    }

    private void hypothesisBroken(Instant at, long nanos, CallWindow.Reading counts) {
        if (state != State.RUNNING) {
            return;
        }
        CallWindow.Reading reading = new CallWindow.Reading(counts.calls(), counts.failures(), counts.slow(),
                window().window(nanos).p99Nanos());
        brokenInInjectingPhase = true;
        Map<String, Object> details = details();
        details.put("success", ratio(reading.success()));
        details.put("p99Ms", millis(reading.p99Nanos()));
        details.put("windowCalls", reading.calls());
        String reason = reasonFor(reading);
        details.put("reason", reason);
        engine.experimentEvent(at, Type.HYPOTHESIS_BROKEN, name, "experiment " + name + ": the hypothesis broke: " + reason, details);
        if (abortOnBreak) {
            abort("hypothesis", at, reason);
        }
    }

    private String reasonFor(CallWindow.Reading reading) {
        if (reading.success() < hypothesis.success() || hypothesis.p99Nanos() == 0) {
            return String.format(Locale.ROOT, "success %.2f%% is below %.2f%% over %d calls", 100 * reading.success(),
                    100 * hypothesis.success(), reading.calls());
        }
        return String.format(Locale.ROOT, "p99 above %s over %d calls (%d slower)", DurationRange.format(hypothesis.p99Nanos()),
                reading.calls(), reading.slow());
    }

    /** Once a second: the {@code observed} line, and the hypothesis judged on the window as time moves it. */
    private void sample() {
        onTimer(() -> {
            long now = System.nanoTime();
            drainInjections();
            CallWindow.Reading second = window().drainSample();
            CallWindow.Reading reading = window().window(now);
            lastReading = reading;
            Hypothesis judged = hypothesis;
            boolean verdictKnown = judged != null && reading.calls() >= judged.minCalls();
            Map<String, Object> details = details();
            details.put("calls", second.calls());
            details.put("failures", second.failures());
            details.put("success", verdictKnown ? ratio(reading.success()) : null);
            details.put("p99Ms", verdictKnown ? millis(reading.p99Nanos()) : null);
            details.put("windowCalls", reading.calls());
            details.put("injections", new LinkedHashMap<>(sampleInjections));
            sampleInjections.clear();
            engine.experimentEvent(Instant.now(), Type.OBSERVED, name, String.format(Locale.ROOT,
                    "experiment %s: %d observed calls in the last second, %d failed", name, second.calls(), second.failures()), details);
            if (judged != null && judging) {
                if (reading.holds(judged.minCalls(), judged.success()) || reading.calls() < judged.minCalls()) {
                    breach.set(false);
                } else {
                    broke(now);
                }
            }
        });
    }

    /** Adds what the plan's rules injected (or, in a dry run, would have) since the last look to the sample and the phase. */
    private void drainInjections() {
        for (Rule rule : plan.rules()) {
            long now;
            try {
                now = engine.injections(rule.name()) + engine.wouldInject(rule.name());
            } catch (IllegalArgumentException gone) {
                counted.remove(rule.name());
                continue;
            }
            long before = counted.getOrDefault(rule.name(), 0L);
            long delta = now >= before ? now - before : now; // a replaced rule counts afresh
            counted.put(rule.name(), now);
            if (delta > 0) {
                sampleInjections.merge(rule.name(), delta, Long::sum);
                phaseInjections += delta;
            }
        }
    }

    // ---------------------------------------------------------------- abort and resume

    private void afterReached() {
        afterPassed = true;
        if (state == State.RUNNING) {
            gate.close();
            abort("after", Instant.now(), "the experiment's cap of " + DurationRange.format(spec.abort().afterNanos()) + " passed");
        }
        end(verdictSoFar(), "its cap of " + DurationRange.format(spec.abort().afterNanos()) + " passed");
    }

    private void heapAbove(double used) {
        gate.close();
        Instant at = Instant.now();
        clock.execute(() -> onTimer(() -> abort("heap", at, String.format(Locale.ROOT,
                "heap used after a GC is %.1f%% of the maximum, above %.1f%%", 100 * used, 100 * spec.abort().heap()))));
    }

    /** An operator's abort: the gate closes on the caller's thread, then the rules go. */
    synchronized void abortByOperator() {
        if (state != State.RUNNING) {
            throw new IllegalArgumentException("experiment " + name + " is " + state.name().toLowerCase(Locale.ROOT)
                    + "; there is nothing to abort");
        }
        gate.close();
        abort("operator", Instant.now(), "an operator aborted it");
    }

    /** Stops every rule of the plan: the gate is already closed; now the rules go, releasing what they held. */
    private void abort(String reason, Instant at, String why) {
        if (state != State.RUNNING) {
            return;
        }
        gate.close();
        drainInjections();
        state = State.ABORTED;
        abortReason = reason;
        judging = false;
        Map<String, Object> details = details();
        details.put("reason", reason);
        engine.experimentEvent(at, Type.ABORTED, name, "experiment " + name + " aborted: " + why
                + "; every rule of the plan is stopped", details);
        engine.applyRules(List.of(), name, "experiment " + name + " aborted (" + reason + ")");
        acting = Set.of();
    }

    /** Re-arms an aborted experiment, with an empty window; its phases went on on the clock meanwhile. */
    synchronized void resume() {
        if (state != State.ABORTED) {
            throw new IllegalArgumentException("experiment " + name + " is " + state.name().toLowerCase(Locale.ROOT)
                    + ", not aborted; there is nothing to resume");
        }
        if (afterPassed || afterPassed()) {
            throw new IllegalArgumentException("experiment " + name + " passed its cap of abort.after; it cannot be resumed");
        }
        state = State.RUNNING;
        abortReason = null;
        breach.set(false);
        window = new CallWindow(window.windowNanos(), window.slowNanos());
        gate.reopen();
        engine.experimentEvent(Instant.now(), Type.RESUMED, name, "experiment " + name + " resumed by an operator", details());
        applyRules();
        judging = hypothesis != null && currentPhaseInjects();
    }

    private boolean afterPassed() {
        return spec.abort() != null && spec.abort().afterNanos() > 0 && elapsed() >= spec.abort().afterNanos();
    }

    // ---------------------------------------------------------------- reading

    synchronized ExperimentStatus status() {
        List<Phase> phases = spec.phases();
        String phaseName = phase >= 0 && phase < phases.size() ? phases.get(phase).name() : null;
        long left = phaseName == null ? 0 : Math.max(0, spec.phaseStart(phase + 1) - elapsed());
        CallWindow.Reading reading = state == State.ENDED ? lastReading : window().window(System.nanoTime());
        Hypothesis judged = hypothesis;
        boolean known = judged != null && reading.calls() >= judged.minCalls();
        return new ExperimentStatus(name, phaseName, phase < 0 ? 0 : phase + 1, phases.size(), left / 1_000_000,
                state.name().toLowerCase(Locale.ROOT), state == State.ENDED ? verdict : verdictSoFar(), abortReason,
                reading.calls(), known ? reading.success() : Double.NaN, known ? reading.p99Nanos() / 1e9 : Double.NaN, spec.dryRun());
    }

    private String verdictSoFar() {
        if (state == State.ABORTED) {
            return "aborted";
        }
        if (hypothesis == null) {
            return "completed";
        }
        return brokenInInjectingPhase ? "broken" : "held";
    }

    private long elapsed() {
        return System.nanoTime() - startNanos;
    }

    /** The fields every line of this experiment has beside plan and message: the phase, inside one. */
    private Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        List<Phase> phases = spec.phases();
        if (phase >= 0 && phase < phases.size()) {
            details.put("phase", phases.get(phase).name());
        }
        return details;
    }

    private Map<String, Object> startedDetails() {
        Map<String, Object> details = details();
        details.put("pod", pod);
        details.put("seed", plan.seed() != null ? plan.seed() : engine.seed().orElse(null));
        details.put("dryRun", spec.dryRun());
        Hypothesis h = spec.hypothesis();
        if (h == null) {
            details.put("hypothesis", null);
        } else {
            Map<String, Object> hypothesisFields = new LinkedHashMap<>();
            if (h.preset() == null) {
                hypothesisFields.put("observe", h.observe().toString());
            } else {
                hypothesisFields.put("preset", h.preset().name());
                h.scope().conditions().forEach(condition -> hypothesisFields.put(condition.key(), condition.value()));
            }
            hypothesisFields.put("windowMs", millis(h.windowNanos()));
            hypothesisFields.put("minCalls", h.minCalls());
            hypothesisFields.put("success", h.success());
            hypothesisFields.put("p99Ms", h.p99Nanos() == 0 ? null : millis(h.p99Nanos()));
            details.put("hypothesis", hypothesisFields);
        }
        if (spec.abort() == null) {
            details.put("abort", null);
        } else {
            Map<String, Object> abortFields = new LinkedHashMap<>();
            abortFields.put("onBrokenHypothesis", spec.abort().onBrokenHypothesis());
            abortFields.put("heap", spec.abort().heap() == 0 ? null : spec.abort().heap());
            abortFields.put("afterMs", spec.abort().afterNanos() == 0 ? null : millis(spec.abort().afterNanos()));
            details.put("abort", abortFields);
        }
        List<Object> phaseList = new ArrayList<>();
        for (Phase p : spec.phases()) {
            Map<String, Object> phaseFields = new LinkedHashMap<>();
            phaseFields.put("name", p.name());
            phaseFields.put("durationMs", millis(p.durationNanos()));
            phaseFields.put("rules", p.rules());
            phaseList.add(phaseFields);
        }
        details.put("phases", phaseList);
        details.put("rules", plan.rules().stream().map(Rule::toSpec).toList());
        return details;
    }

    private String describeSpec() {
        StringBuilder text = new StringBuilder();
        Hypothesis h = spec.hypothesis();
        if (h != null) {
            text.append(String.format(Locale.ROOT, ": hypothesis %s succeeds %.2f%%%s over %s (at least %d calls)", h.observed(),
                    100 * h.success(), h.p99Nanos() == 0 ? "" : " with p99 <= " + DurationRange.format(h.p99Nanos()),
                    DurationRange.format(h.windowNanos()), h.minCalls()));
        }
        if (!spec.phases().isEmpty()) {
            text.append(h == null ? ": " : "; ").append(spec.phases().size()).append(" phases");
        }
        if (spec.dryRun()) {
            text.append("; a dry run: nothing is injected");
        }
        return text.toString();
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }

    private static double ratio(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
