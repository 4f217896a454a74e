package dev.chaosagent.agent;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.instrument.Instrumenter;
import dev.chaosagent.logging.AgentLoggerProvider;
import dev.chaosagent.plan.PlanParser;
import dev.chaosagent.rule.RuleParser;
import java.lang.instrument.Instrumentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running agent in this JVM: one engine, its instrumentation and its plan. There is at most one;
 * a second attach finds it and leaves it as it is.
 */
public final class AgentRuntime {

    private static volatile AgentRuntime current;

    private final AgentOptions options;
    private final ChaosEngine engine;
    private final Instrumenter instrumenter;

    private AgentRuntime(AgentOptions options, ChaosEngine engine, Instrumenter instrumenter) {
        this.options = options;
        this.engine = engine;
        this.instrumenter = instrumenter;
    }

    /** The agent running in this JVM, or null when there is none. */
    public static AgentRuntime current() {
        return current;
    }

    public ChaosEngine engine() {
        return engine;
    }

    public AgentOptions options() {
        return options;
    }

    public Instrumenter instrumenter() {
        return instrumenter;
    }

    static synchronized void start(String arguments, Instrumentation instrumentation, String how) throws Exception {
        AgentOptions options = AgentOptions.parse(arguments);
        AgentLoggerProvider.setLevel(options.logLevel());
        Logger log = LoggerFactory.getLogger("dev.chaosagent.agent");
        if (current != null) {
            log.info("already running in this JVM; this {} changes nothing (options \"{}\" ignored)", how, arguments == null ? "" : arguments);
            return;
        }
        for (String problem : options.problems()) {
            log.warn("{}; the agent is disarmed: no rule will act", problem);
        }
        ChaosEngine engine = ChaosEngine.builder()
                .allowDestructive(options.allowDestructive())
                .seed(options.seed())
                .enabled(options.enabled() && !options.disarmed())
                .build();
        Instrumenter instrumenter = new Instrumenter(instrumentation, engine);
        instrumenter.start();
        current = new AgentRuntime(options, engine, instrumenter);

        if (options.config() != null && !options.disarmed()) {
            PlanWatcher watcher = new PlanWatcher(options.config(), new PlanParser(RuleParser.forCurrentThread()), engine);
            watcher.loadInitial();
            watcher.startWatching();
        }
        log.info("started ({}): {} rules, master switch {}{}", how, engine.ruleNames().size(), engine.isEnabled() ? "on" : "off",
                options.config() == null ? "" : ", plan " + options.config());
    }
}
