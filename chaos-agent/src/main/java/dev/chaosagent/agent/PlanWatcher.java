package dev.chaosagent.agent;

import dev.chaosagent.engine.AgentWork;
import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.plan.InvalidPlanException;
import dev.chaosagent.plan.Plan;
import dev.chaosagent.plan.PlanParser;
import dev.chaosagent.rule.InvalidRuleException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the plan file and reloads it when its content changes. It polls rather than using a
 * WatchService: a poll reads through symlinks, so it sees a ConfigMap's atomic symlink swap and a
 * rename over the file as well as an edit in place. Polling every 500 ms keeps a reload within 2 s.
 */
final class PlanWatcher implements Runnable {

    private static final Logger log = LoggerFactory.getLogger("dev.chaosagent.plan");
    static final long POLL_MILLIS = 500;

    private final Path file;
    private final PlanParser parser;
    private final ChaosEngine engine;
    private byte[] lastSeen;
    private String lastProblem;

    PlanWatcher(Path file, PlanParser parser, ChaosEngine engine) {
        this.file = file;
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

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(POLL_MILLIS);
                check(false);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("plan watcher: {}", e.toString());
            }
        }
    }

    private void check(boolean initial) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            report(initial, "plan " + file + " does not exist");
            return;
        } catch (IOException e) {
            report(initial, "plan " + file + " cannot be read (" + e + ")");
            return;
        }
        if (lastSeen != null && Arrays.equals(lastSeen, content)) {
            lastProblem = null;
            return;
        }
        lastSeen = content;
        try {
            Plan plan = parser.parse(new String(content, StandardCharsets.UTF_8), file.toString());
            plan.applyTo(engine);
            lastProblem = null;
            log.info("plan {} {}: {} rules", file, initial ? "loaded" : "reloaded", plan.rules().size());
        } catch (InvalidPlanException | InvalidRuleException e) {
            report(initial, e.getMessage());
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
