package dev.chaosagent.engine;

import dev.chaosagent.engine.spi.EngineAccess;
import dev.chaosagent.engine.spi.SiteTable;
import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.rule.RuleParser;
import dev.chaosagent.rule.TargetPattern;
import java.util.List;
import java.util.Optional;

/**
 * The rules, and what they do to the calls of instrumented methods. A thin facade: the rules' life
 * is the {@code RuleRegistry}'s, the instrumented methods and the per-call path are the
 * {@code SiteBindings}' (which the weaver reaches through {@link SiteTable#of}), the events are
 * {@code EngineEvents}'. Changes are serialised under one lock; the per-call path takes none.
 */
public final class ChaosEngine {

    static {
        EngineAccess.grant(new EngineAccess.Reader() {
            @Override
            public SiteTable of(ChaosEngine engine) {
                return engine.sites;
            }
        });
    }

    private final Object lock = new Object();
    private final EngineEvents events = new EngineEvents();
    private final EngineTotals totals = new EngineTotals();
    private final RuleSeeds seeds;
    private final SiteBindings sites;
    private final RuleRegistry registry;

    private ChaosEngine(Builder builder) {
        ResourceLimits limits = builder.allowDestructive ? ResourceLimits.unlimited() : builder.limits;
        this.seeds = new RuleSeeds(builder.seed);
        this.sites = new SiteBindings(lock, events, builder.enabled);
        this.registry = new RuleRegistry(lock, sites, events, totals, seeds,
                new DestructiveGuard(builder.allowDestructive, events), limits);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An engine with the defaults: enabled, unseeded, destructive faults refused, resource caps on. */
    public static ChaosEngine create() {
        return builder().build();
    }

    // ---------------------------------------------------------------- rules

    /**
     * Adds a rule, or replaces the rule of the same name atomically (its counters restart).
     * Returns the rule's name, generated ({@code rule-1}, ...) when it has none.
     *
     * @throws InvalidRuleException when the rule is refused; nothing changes then
     */
    public String add(Rule rule) {
        return registry.add(rule).name;
    }

    /**
     * Adds a rule written in the one-line form, e.g. {@code target=com.acme.Client#fetch latency=200ms},
     * with exception types loaded from the calling thread's context class loader. Returns its name.
     *
     * @throws InvalidRuleException when the rule does not parse or is refused; nothing changes then
     */
    public String add(String spec) {
        return add(parse(spec));
    }

    /**
     * Adds a rule as {@link #add(Rule)} does, and returns a handle on it: its counters, and
     * {@link RuleHandle#close()} to remove it (try-with-resources).
     */
    public RuleHandle activate(Rule rule) {
        return new RuleHandle(registry.add(rule), registry);
    }

    /** {@link #activate(Rule)} for a rule in the one-line form, parsed as {@link #add(String)} does. */
    public RuleHandle activate(String spec) {
        return activate(parse(spec));
    }

    private Rule parse(String spec) {
        try {
            return RuleParser.forCurrentThread().parse(spec);
        } catch (InvalidRuleException e) {
            refused(null, "rule refused: " + e.getMessage());
            throw e;
        }
    }

    /** Removes a rule and releases what it retained; false when there is no rule of that name. */
    public boolean remove(String name) {
        return registry.remove(name);
    }

    /** Enables a rule; false when there is no rule of that name or it is exhausted. */
    public boolean enable(String name) {
        return registry.setEnabled(name, true);
    }

    /** Disables a rule (it stays, with its counters); false when there is no rule of that name. */
    public boolean disable(String name) {
        return registry.setEnabled(name, false);
    }

    /** The kill switch: removes every rule and releases everything they retained. */
    public void stopAll() {
        registry.stopAll();
    }

    /**
     * Makes the plan's rules those of {@code wanted}, by name: unchanged rules keep their counters,
     * changed ones are replaced, rules of the previous plan that are missing now are removed, new
     * ones added. Rules added by other doors (JMX, the CLI, a test) are left alone unless
     * {@code wanted} has one of the same name. All are checked first: if one is refused, nothing changes.
     */
    public void applyRules(List<Rule> wanted) {
        registry.applyRules(wanted, null, "no longer in the plan");
    }

    /**
     * {@link #applyRules(List)} for a named plan, whose name the events carry.
     *
     * @param plan    the plan's name, or null when it has none
     * @param removal why the rules that are not wanted go, in words (e.g. {@code the plan expired at ...})
     */
    public void applyRules(List<Rule> wanted, String plan, String removal) {
        registry.applyRules(wanted, plan, removal);
    }

    /**
     * {@link #applyRules(List, String, String)} for an experiment's rules: they act through its
     * {@code gate}, and those named in {@code dormant} start disabled (their phase has not come).
     */
    public void applyRules(List<Rule> wanted, String plan, String removal, PlanGate gate, java.util.Set<String> dormant) {
        registry.applyRules(wanted, plan, removal, gate, dormant);
    }

    /** Records an experiment's event, with its own fields for the journal, at the time it happened. */
    public void experimentEvent(java.time.Instant time, ChaosEvent.Type type, String plan, String message,
                                java.util.Map<String, Object> details) {
        events.publish(new ChaosEvent(time, type, null, message, plan, details));
    }

    // ---------------------------------------------------------------- observed methods

    /**
     * Tells the observer of every call {@code calls} observes, whether or not a rule acts on them
     * (their methods are woven as targets are); nothing changes for any other method.
     */
    public void observe(ObservedCalls calls) {
        synchronized (lock) {
            sites.observe(calls);
        }
        events.rulesChanged();
    }

    /** Stops telling {@code observer}; its methods go back to their original bytecode unless a rule targets them. */
    public void stopObserving(CallObserver observer) {
        synchronized (lock) {
            sites.stopObserving(observer);
        }
        events.rulesChanged();
    }

    /** Records what a plan as a whole did (expired, selects this JVM or not), for the log and the journal. */
    public void planEvent(ChaosEvent.Type type, String plan, String message) {
        events.publish(type, null, message, plan);
    }

    /**
     * Records something a door (JMX, the CLI, a plan, a test) refused before it reached the engine,
     * so that the log and the journal tell of it too.
     *
     * @param rule the rule's name when known, else null
     */
    public void refused(String rule, String message) {
        events.publish(ChaosEvent.Type.REFUSED, rule, message);
    }

    /** Records, once per rule, that its preset binds nothing in this JVM (its library is not there): a warning and a journal line. */
    public void presetUnbound(String rule, String message) {
        events.publish(ChaosEvent.Type.UNBOUND, rule, message);
    }

    // ---------------------------------------------------------------- switches and seeds

    /** The master switch: off, no rule acts (their counters stop too); rules stay as they are. */
    public void setEnabled(boolean on) {
        synchronized (lock) {
            if (sites.setEnabled(on)) {
                events.publish(on ? ChaosEvent.Type.ENABLED : ChaosEvent.Type.DISABLED, null, "master switch " + (on ? "on" : "off"));
            }
        }
    }

    public boolean isEnabled() {
        return sites.isEnabled();
    }

    /** Whether any rule can act now: the master switch is on and some rule is armed. */
    public boolean isArmed() {
        return sites.isArmed();
    }

    /**
     * Sets the seed that rules added from now on roll with (null: unseeded). Ignored when the
     * engine was built with a seed, which wins (the agent's {@code seed} option beats the plan's).
     */
    public void setSeed(Long seed) {
        seeds.set(seed);
    }

    public Optional<Long> seed() {
        return seeds.current();
    }

    // ---------------------------------------------------------------- reading

    public List<String> ruleNames() {
        return registry.names();
    }

    public List<Rule> rules() {
        return registry.rules();
    }

    public Optional<Rule> rule(String name) {
        return registry.find(name).map(active -> active.rule);
    }

    /** Eligible calls of a rule since it was added (or last replaced). */
    public long calls(String name) {
        return registry.require(name).calls();
    }

    /** Injections of a rule since it was added (or last replaced). */
    public long injections(String name) {
        return registry.require(name).injections();
    }

    /** Calls a rule of a dry run would have injected since it was added (or last replaced). */
    public long wouldInject(String name) {
        return registry.require(name).wouldInject();
    }

    /** The registered methods a rule applies to, as signatures ({@code CLASS#METHOD(PARAMS)}), whether or not it is enabled now. */
    public List<String> boundMethods(String name) {
        return registry.bound(name);
    }

    /** The number of registered methods a rule applies to (whether or not it is enabled now). */
    public int matchedSites(String name) {
        return registry.matchedSites(name);
    }

    /** Injections of every rule since the engine started, removed rules included. */
    public long totalInjections() {
        return totals.injections();
    }

    /** How often a fault failed at its own work (and was skipped). */
    public long failures() {
        return totals.failures();
    }

    /** Heap retained by memory faults, all rules together. */
    public long retainedHeapBytes() {
        return totals.retainedHeap.get();
    }

    /** A table of every rule, its state, counters and time left, for people. */
    public String describe() {
        return registry.describe();
    }

    // ---------------------------------------------------------------- events

    public void addListener(ChaosEventListener listener) {
        events.addListener(listener);
    }

    public void removeListener(ChaosEventListener listener) {
        events.removeListener(listener);
    }

    /**
     * Registers a callback run after every change to the set of rules (not to their state), outside
     * the engine's lock: instrumentation uses it to transform or restore classes.
     */
    public void addRuleSetListener(Runnable listener) {
        events.addRuleSetListener(listener);
    }

    /** Settings fixed for the engine's life; the agent takes them from its options. */
    public static final class Builder {
        private boolean allowDestructive;
        private boolean enabled = true;
        private Long seed;
        private ResourceLimits limits = ResourceLimits.defaults();

        private Builder() {
        }

        /** Allows {@code kill} and lifts the resource caps. */
        public Builder allowDestructive(boolean allow) {
            this.allowDestructive = allow;
            return this;
        }

        /** The master switch at start. */
        public Builder enabled(boolean on) {
            this.enabled = on;
            return this;
        }

        /** A seed that plans cannot override. */
        public Builder seed(Long seed) {
            this.seed = seed;
            return this;
        }

        /** Caps on what {@code memory} and {@code threads} faults retain; {@link ResourceLimits#defaults()} unless set. */
        public Builder resourceLimits(ResourceLimits limits) {
            this.limits = limits;
            return this;
        }

        public ChaosEngine build() {
            return new ChaosEngine(this);
        }
    }
}
