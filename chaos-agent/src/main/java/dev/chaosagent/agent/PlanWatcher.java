package dev.chaosagent.agent;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.plan.InvalidPlanException;
import dev.chaosagent.plan.Plan;
import dev.chaosagent.plan.PlanParser;
import dev.chaosagent.rule.InvalidRuleException;
import java.io.IOException;
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
    private boolean missingReported;

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
        Thread thread = new Thread(this, "chaos-agent-plan-watcher");
        thread.setDaemon(true);
        thread.start();
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
            if (!missingReported) {
                missingReported = true;
                String what = initial ? "no rule is active" : "the last good plan stays in force";
                log.warn("plan {} does not exist; {} until it appears", file, what);
                engine.refused(null, "plan " + file + " does not exist; " + what);
            }
            return;
        } catch (IOException e) {
            log.warn("plan {} cannot be read ({}); the last good plan stays in force", file, e.toString());
            return;
        }
        missingReported = false;
        if (lastSeen != null && Arrays.equals(lastSeen, content)) {
            return;
        }
        lastSeen = content;
        try {
            Plan plan = parser.parse(new String(content, java.nio.charset.StandardCharsets.UTF_8), file.toString());
            plan.applyTo(engine);
            log.info("plan {} {}: {} rules", file, initial ? "loaded" : "reloaded", plan.rules().size());
        } catch (InvalidPlanException | InvalidRuleException e) {
            String what = initial ? "no rule is active" : "the last good plan stays in force";
            log.warn("{}; {}", e.getMessage(), what);
            engine.refused(null, e.getMessage() + "; " + what);
        }
    }
}
