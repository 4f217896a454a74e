package dev.chaosagent.agent;

import dev.chaosagent.control.ControlDoor;
import dev.chaosagent.engine.AgentWork;
import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.experiment.Experiments;
import dev.chaosagent.instrument.Instrumenter;
import dev.chaosagent.jmx.ChaosAgentControl;
import dev.chaosagent.journal.Journal;
import dev.chaosagent.logging.AgentLoggerProvider;
import dev.chaosagent.metrics.MetricsEndpoint;
import dev.chaosagent.plan.PlanParser;
import dev.chaosagent.plan.PodIdentity;
import dev.chaosagent.rule.RuleParser;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running agent in this JVM: one engine, its instrumentation, its plan, journal and doors.
 * There is at most one; a second attach finds it and leaves it as it is.
 */
public final class AgentRuntime {

    /** Set in the JVM the agent runs in, so that the CLI can tell which JVMs have it. */
    public static final String VERSION_PROPERTY = "chaos.agent.version";

    private static volatile AgentRuntime current;
    /** The thread finishing a start that premain handed over (see {@link #start}), until it is done. */
    private static volatile Thread starting;

    private final AgentOptions options;
    private final ChaosEngine engine;
    private final Journal journal;
    private final Experiments experiments;
    private PlanWatcher watcher;

    private AgentRuntime(AgentOptions options, ChaosEngine engine, Journal journal, Experiments experiments) {
        this.options = options;
        this.engine = engine;
        this.journal = journal;
        this.experiments = experiments;
    }

    /** The agent running in this JVM, or null when there is none; waits while premain's start is being finished. */
    public static AgentRuntime current() {
        awaitStart();
        return current;
    }

    private static void awaitStart() {
        Thread thread = starting;
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public ChaosEngine engine() {
        return engine;
    }

    /** The experiment of the plan in force, if it describes one. */
    public Experiments experiments() {
        return experiments;
    }

    /**
     * Starts the agent. Premain's thread, which the application's {@code main} waits for, does only
     * what its first classes need: when no rule can be in force before {@code main} (no plan, or a
     * plan with no rule and no experiment) and no journal must see the start, the rest (the engine,
     * the instrumentation, the plan's watcher, the doors) is finished on a thread of the agent's,
     * just as an attach would; a rule comes later only through something that waits for it.
     */
    static void start(String arguments, Instrumentation instrumentation, String how) {
        awaitStart();
        AgentOptions options = AgentOptions.parse(arguments);
        if (how.equals("premain") && options.journal() == null && (options.disarmed() || options.config() == null
                || PlanFile.definesNoRule(options.config()))) {
            Thread thread = AgentWork.threads("start").newThread(new Runnable() {
                @Override
                public void run() {
                    try {
                        startNow(options, arguments, instrumentation, how);
                    } catch (Throwable failure) {
                        ChaosAgent.failedToStart(failure);
                    } finally {
                        starting = null;
                    }
                }
            });
            starting = thread;
            thread.start();
            return;
        }
        startNow(options, arguments, instrumentation, how);
    }

    private static synchronized void startNow(AgentOptions options, String arguments, Instrumentation instrumentation, String how) {
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
        Journal journal = Journal.start(engine, options.journal());
        Experiments experiments = new Experiments(engine, new Supplier<String>() {
            @Override
            public String get() {
                return PodIdentity.fromEnvironment(System.getenv(), Map.of()).name();
            }
        });
        if (options.journal() != null) {
            // The journal's last lines matter only in its file: without one, shutdown costs nothing.
            Runtime.getRuntime().addShutdownHook(AgentWork.threads("shutdown").newThread(new Runnable() {
                @Override
                public void run() {
                    experiments.close();
                    journal.close();
                }
            }));
        }
        Instrumenter instrumenter = new Instrumenter(instrumentation, engine);
        instrumenter.start();
        AgentRuntime runtime = new AgentRuntime(options, engine, journal, experiments);
        current = runtime;
        System.setProperty(VERSION_PROPERTY, version());

        if (options.config() != null && !options.disarmed()) {
            PlanWatcher watcher = new PlanWatcher(options.config(), options.podLabels(), new Supplier<Map<String, String>>() {
                @Override
                public Map<String, String> get() {
                    return System.getenv();
                }
            }, new PlanParser(RuleParser.forCurrentThread()), engine, experiments);
            watcher.loadInitial();
            watcher.startWatching();
            runtime.watcher = watcher;
        }
        if (how.equals("attach") || (engine.ruleNames().isEmpty() && chaosTestsAhead())) {
            instrumenter.warmUp(); // rules are about to come; a plan's rules started it as they came
        }
        runtime.openDoorsLater(log);
        log.info("started ({}): {} rules, master switch {}{}", how, engine.ruleNames().size(), engine.isEnabled() ? "on" : "off",
                options.config() == null ? "" : ", plan " + options.config());
    }

    /**
     * The CLI's door, JMX and the metrics endpoint open on a daemon thread of their own: registering
     * an MBean initialises JMX and logging machinery that the application may want to set up first,
     * and nothing of it belongs on the premain thread. The door then serves the CLI on that thread,
     * while JMX and the metrics endpoint start beside it on one that ends once they are up.
     */
    private void openDoorsLater(Logger log) {
        AgentWork.threads("doors").newThread(new Doors(log)).start();
    }

    /** What the doors' thread does. */
    private final class Doors implements Runnable {
        private final Logger log;

        Doors(Logger log) {
            this.log = log;
        }

        @Override
        public void run() {
            ChaosAgentControl control = new ChaosAgentControl(engine, journal, RuleParser.forCurrentThread(), experiments);
            ControlDoor door = null;
            try {
                door = ControlDoor.open(control, version());
            } catch (java.io.IOException | RuntimeException | LinkageError e) {
                log.warn("cannot open the CLI's door at {} ({}); the CLI cannot reach this agent",
                        ControlDoor.ownPath(), e.toString());
            }
            Endpoints endpoints = new Endpoints(log, control);
            if (door == null) {
                endpoints.run();
                return;
            }
            if (options.jmx() || options.metricsPort() != null) {
                // A cold JVM's first MBean registration starts the platform MBean server, some
                // 500 ms with the first weave beside it: the CLI's door serves meanwhile (the CLI's
                // attach waits for it).
                AgentWork.threads("endpoints").newThread(endpoints).start();
            }
            try {
                door.serve();
            } catch (java.io.IOException | RuntimeException e) {
                log.warn("the CLI's door closed ({}); the CLI cannot reach this agent any more", e.toString());
            }
        }
    }

    /** JMX and the metrics endpoint, as the options ask: registered once, on a thread that then ends. */
    private final class Endpoints implements Runnable {
        private final Logger log;
        private final ChaosAgentControl control;

        Endpoints(Logger log, ChaosAgentControl control) {
            this.log = log;
            this.control = control;
        }

        @Override
        public void run() {
            if (options.jmx()) {
                try {
                    control.register();
                } catch (Exception | LinkageError e) {
                    log.warn("cannot register the JMX MBean ({}); JMX clients cannot reach this agent", e.toString());
                }
            }
            if (options.metricsPort() != null) {
                try {
                    MetricsEndpoint endpoint = MetricsEndpoint.start(engine, java.net.InetAddress.getByName(options.metricsHost()),
                            options.metricsPort(), watcher, experiments);
                    // Its dispatcher waits for connections in a native select; HotSpot waits up to
                    // 300 ms at exit for a thread in native code, so the endpoint stops first.
                    Runtime.getRuntime().addShutdownHook(AgentWork.threads("metrics-stop").newThread(endpoint::close));
                    log.info("metrics at http://{}:{}/metrics", options.metricsHost(), endpoint.port());
                } catch (java.io.IOException | RuntimeException | LinkageError e) {
                    log.warn("cannot serve metrics on {}:{} ({}); everything else works", options.metricsHost(), options.metricsPort(),
                            e.toString());
                }
            }
        }
    }

    /** chaos-junit is on the class path: a test JVM, whose chaos tests are about to add rules. */
    private static boolean chaosTestsAhead() {
        return ClassLoader.getSystemClassLoader().getResource("dev/chaosagent/junit/ChaosExtension.class") != null;
    }

    static String version() {
        String version = AgentRuntime.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
