package dev.chaosagent.jmx;

/**
 * The game-day console, registered as {@code dev.chaosagent:type=ChaosAgent} on the platform
 * MBeanServer. Open types only, and errors are plain {@link IllegalArgumentException}s, so JConsole,
 * VisualVM, jmxterm and Jolokia drive it with nothing of chaos-agent on their class path.
 */
public interface ChaosAgentMXBean {

    String OBJECT_NAME = "dev.chaosagent:type=ChaosAgent";

    /** The master switch. */
    boolean isEnabled();

    void setEnabled(boolean enabled);

    String[] getRuleNames();

    /** Injections since the agent started, removed rules included. */
    long getTotalInjections();

    /** Adds (or replaces, by name) a rule in the one-line form; it gets {@code ttl=30m} unless it says otherwise. Returns its name. */
    String addRule(String spec);

    boolean removeRule(String name);

    boolean enableRule(String name);

    boolean disableRule(String name);

    long injections(String name);

    long calls(String name);

    /** Every rule, its state, counters and time left, as a table. */
    String describe();

    /** The kill switch: removes every rule and restores all bytecode. */
    void stopAll();

    /** The experiment's events as JSON lines. */
    String journal();

    /** The plan's experiment in one line: plan, phase, state, verdict so far; or that there is none. */
    String getExperiment();

    /** Stops every rule of the experiment at once, as its own abort would (reason {@code operator}). */
    void abort();

    /** Re-arms an aborted experiment with an empty window; its phases went on meanwhile. */
    void resume();
}
