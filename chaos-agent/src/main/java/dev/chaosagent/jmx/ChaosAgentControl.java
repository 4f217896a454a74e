package dev.chaosagent.jmx;

import dev.chaosagent.engine.AgentWork;
import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.experiment.Experiments;
import dev.chaosagent.journal.Journal;
import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.rule.RuleParser;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The MXBean: a thin door into the engine. Rules added here are the game day's: without a ttl of
 * their own they expire after 30 minutes, so a forgotten experiment ends by itself.
 */
public final class ChaosAgentControl implements ChaosAgentMXBean {

    /** The ttl of rules added at run time that do not set one. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(30);

    private final ChaosEngine engine;
    private final Journal journal;
    private final RuleParser parser;
    private final Experiments experiments;

    public ChaosAgentControl(ChaosEngine engine, Journal journal, RuleParser parser, Experiments experiments) {
        this.engine = engine;
        this.journal = journal;
        this.parser = parser;
        this.experiments = experiments;
    }

    /** Registers on the platform MBeanServer; false when a chaos-agent MBean is already there. */
    public boolean register() throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(OBJECT_NAME);
        if (server.isRegistered(name)) {
            return false;
        }
        server.registerMBean(this, name);
        return true;
    }

    @Override
    public boolean isEnabled() {
        return engine.isEnabled();
    }

    @Override
    public void setEnabled(boolean enabled) {
        AgentWork.call(() -> {
            engine.setEnabled(enabled);
            return null;
        });
    }

    @Override
    public String[] getRuleNames() {
        return engine.ruleNames().toArray(new String[0]);
    }

    @Override
    public long getTotalInjections() {
        return engine.totalInjections();
    }

    // JMX requests arrive on the JVM's own threads: what they do for the agent is agent work, which
    // rules on JDK methods must not act on.
    @Override
    public String addRule(String spec) {
        return AgentWork.call(() -> add(spec));
    }

    private String add(String spec) {
        Rule rule;
        try {
            rule = parser.parse(spec).withDefaultTtl(DEFAULT_TTL);
        } catch (InvalidRuleException e) {
            engine.refused(null, "rule refused: " + e.getMessage());
            // A JDK exception with the message only: a remote client needs none of our classes.
            throw new IllegalArgumentException(e.getMessage());
        }
        return plainErrors(() -> engine.add(rule));
    }

    @Override
    public boolean removeRule(String name) {
        return AgentWork.call(() -> engine.remove(name));
    }

    @Override
    public boolean enableRule(String name) {
        return AgentWork.call(() -> engine.enable(name));
    }

    @Override
    public boolean disableRule(String name) {
        return AgentWork.call(() -> engine.disable(name));
    }

    @Override
    public long injections(String name) {
        return plainErrors(() -> engine.injections(name));
    }

    @Override
    public long calls(String name) {
        return plainErrors(() -> engine.calls(name));
    }

    /** An error crosses JMX as a JDK exception with the message only: a remote client needs none of our classes. */
    private static <T> T plainErrors(java.util.function.Supplier<T> operation) {
        try {
            return operation.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    @Override
    public String describe() {
        return AgentWork.call(engine::describe);
    }

    @Override
    public void stopAll() {
        AgentWork.call(() -> {
            engine.stopAll();
            return null;
        });
    }

    @Override
    public String journal() {
        return journal.text();
    }

    @Override
    public String getExperiment() {
        return AgentWork.call(experiments::describe);
    }

    @Override
    public void abort() {
        plainErrors(() -> AgentWork.call(() -> {
            experiments.abort();
            return null;
        }));
    }

    @Override
    public void resume() {
        plainErrors(() -> AgentWork.call(() -> {
            experiments.resume();
            return null;
        }));
    }
}
