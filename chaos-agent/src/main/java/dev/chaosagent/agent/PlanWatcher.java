package dev.chaosagent.agent;

import dev.chaosagent.engine.AgentWork;
import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.engine.ChaosEvent;
import dev.chaosagent.experiment.Experiments;
import dev.chaosagent.plan.Arming;
import dev.chaosagent.plan.InvalidPlanException;
import dev.chaosagent.plan.Plan;
import dev.chaosagent.plan.PlanParser;
import dev.chaosagent.plan.PodIdentity;
import dev.chaosagent.plan.PodLabels;
import dev.chaosagent.rule.InvalidRuleException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the plan file and reloads it when its content changes, and decides whether the plan arms
 * this JVM: its expiry, and its selection against the pod's name and labels (the labels file is
 * watched too). It polls rather than using a WatchService: a poll reads through symlinks, so it
 * sees a ConfigMap's atomic symlink swap and a rename over the file as well as an edit in place,
 * and the same poll is the timer that ends an expired plan. Polling every 500 ms keeps a reload,
 * a label change and an expiry within 2 s.
 */
final class PlanWatcher implements Runnable, Supplier<Arming> {

    private static final Logger log = LoggerFactory.getLogger("dev.chaosagent.plan");
    static final long POLL_MILLIS = 500;

    private final Path file;
    private final Path labelsFile;
    private final Supplier<Map<String, String>> environment;
    private final PlanParser parser;
    private final ChaosEngine engine;
    private final Experiments experiments;
    private byte[] lastSeen;
    private String lastProblem;
    private byte[] lastLabels;
    private String lastLabelsProblem;
    private Map<String, String> labels = Map.of();
    private PodIdentity pod;
    private Plan plan;
    private String lastVerdict;
    private volatile Arming arming;
    /** An arming the engine refused (a destructive rule, say), not to be tried again on every poll. */
    private Arming refusedArming;

    /**
     * @param labelsFile the Downward API labels file, or null
     * @param environment where {@code POD_NAME} and {@code POD_NAMESPACE} come from, asked only for a
     *                    plan that selects pods (the JVM's environment map is some 5 classes to load)
     */
    PlanWatcher(Path file, Path labelsFile, Supplier<Map<String, String>> environment, PlanParser parser, ChaosEngine engine,
                Experiments experiments) {
        this.file = file;
        this.experiments = experiments;
        this.labelsFile = labelsFile;
        this.environment = environment;
        this.parser = parser;
        this.engine = engine;
    }

    /** Loads the plan now; a bad plan is reported and no rule is active. */
    void loadInitial() {
        check(true);
    }

    void startWatching() {
        AgentWork.threads("plan-watcher").newThread(this).start();
    }

    /** Whether the current plan arms this JVM; null before a good plan was loaded. */
    @Override
    public Arming get() {
        return arming;
    }

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(POLL_MILLIS);
                poll();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("plan watcher: {}", e.toString());
            }
        }
    }

    /** One look at the plan, the labels and the clock: what the watcher does every {@value #POLL_MILLIS} ms. */
    void poll() {
        check(false);
    }

    private void check(boolean initial) {
        readLabels();
        Plan candidate = readPlan(initial);
        Plan next = candidate != null ? candidate : plan;
        if (next == null) {
            return;
        }
        Instant now = Instant.now();
        Arming verdict = next.armingFor(next.selection().needsIdentity() ? pod() : null, now);
        if (candidate == null && (verdict.equals(arming) || verdict.equals(refusedArming))) {
            return;
        }
        try {
            experiments.apply(next, verdict);
        } catch (InvalidRuleException e) {
            refusedArming = candidate == null ? verdict : null;
            report(initial, e.getMessage());
            return;
        }
        refusedArming = null;
        plan = next;
        arming = verdict;
        lastProblem = null;
        if (candidate != null) {
            log.info("plan {} {}: {} rules", file, initial ? "loaded" : "reloaded", next.rules().size());
        }
        tell(next, verdict, now);
    }

    /** The new plan when the file changed and reads well, else null (a problem is reported once). */
    private Plan readPlan(boolean initial) {
        byte[] content;
        try {
            content = PlanFile.read(file);
        } catch (NoSuchFileException e) {
            report(initial, "plan " + file + " does not exist");
            return null;
        } catch (IOException e) {
            report(initial, "plan " + file + " cannot be read (" + e + ")");
            return null;
        }
        if (lastSeen != null && Arrays.equals(lastSeen, content)) {
            lastProblem = null;
            return null;
        }
        lastSeen = content;
        try {
            return parser.parse(new String(content, StandardCharsets.UTF_8), file.toString());
        } catch (InvalidPlanException | InvalidRuleException e) {
            report(initial, e.getMessage());
            return null;
        }
    }

    /**
     * Says whether the plan arms this JVM, once per change: for a plan that selects, expires or
     * did not arm this JVM before. A plan of neither kind says nothing more than it used to.
     */
    private void tell(Plan current, Arming verdict, Instant now) {
        boolean fleet = current.selection().needsIdentity() || current.expires() != null || !verdict.armed();
        if (verdict.reason().equals(lastVerdict) || (!fleet && lastVerdict == null)) {
            return;
        }
        lastVerdict = verdict.reason();
        int rules = current.rules().size();
        boolean expired = current.expires() != null && !now.isBefore(current.expires());
        String count = rules + (rules == 1 ? " rule" : " rules");
        String what = verdict.armed() ? "running its " + count + " here"
                : expired ? "none of its rules runs any more" : "running none of its " + count + " here";
        engine.planEvent(expired ? ChaosEvent.Type.EXPIRED : ChaosEvent.Type.PLAN, verdict.plan(), verdict.reason() + ": " + what);
    }

    private PodIdentity pod() {
        if (pod == null) {
            pod = PodIdentity.fromEnvironment(environment.get(), labels);
        }
        return pod;
    }

    /** Re-reads the labels file; one that is missing or unreadable counts as no labels, and says so once. */
    private void readLabels() {
        if (labelsFile == null) {
            return;
        }
        byte[] content;
        String problem = null;
        try {
            content = PlanFile.read(labelsFile);
        } catch (IOException e) {
            content = new byte[0];
            problem = "pod labels " + labelsFile + (e instanceof NoSuchFileException ? " do not exist" : " cannot be read (" + e + ")");
        }
        if (lastLabels != null && Arrays.equals(lastLabels, content) && problem == null) {
            return;
        }
        lastLabels = content;
        Map<String, String> read = Map.of();
        if (problem == null) {
            try {
                read = PodLabels.parse(new String(content, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                problem = "pod labels " + labelsFile + ": " + e.getMessage();
            }
        }
        if (problem != null && !problem.equals(lastLabelsProblem)) {
            engine.refused(null, problem + "; this JVM counts as having no labels");
        }
        lastLabelsProblem = problem;
        labels = read;
        if (pod != null) {
            pod = pod.withLabels(read);
        }
    }

    /** Reports a problem once, however many polls see it, through the engine (so the journal has it too). */
    private void report(boolean initial, String problem) {
        if (problem.equals(lastProblem)) {
            return;
        }
        lastProblem = problem;
        engine.refused(null, problem + "; " + (initial ? "no rule is active" : "the last good plan stays in force"));
    }
}
