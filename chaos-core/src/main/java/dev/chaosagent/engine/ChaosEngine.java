package dev.chaosagent.engine;

import dev.chaosagent.fault.ExceptionFault;
import dev.chaosagent.fault.Fault;
import dev.chaosagent.fault.ReturnsFault;
import dev.chaosagent.rule.At;
import dev.chaosagent.rule.DurationRange;
import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.trigger.Chance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of rules and the decision for each call. Changes (add, remove, enable, ...) are
 * serialised under one lock; the per-call path ({@link #enter}, {@link #exit}) only reads volatile
 * arrays, takes no lock and allocates nothing unless a rule injects.
 *
 * <p>Instrumentation registers each method it instruments as a {@link MethodSite} and gets an id that
 * the woven code passes back on every call; the engine keeps, per site, the rules that apply to it.
 */
public final class ChaosEngine {

    private static final Logger log = LoggerFactory.getLogger("dev.chaosagent.engine");
    private static final Binding[] NONE = new Binding[0];

    private final Object lock = new Object();
    private final ResourceLimits limits;
    private final boolean allowDestructive;
    private final Long fixedSeed;
    private final List<ChaosEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> ruleSetListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong retainedHeap = new AtomicLong();
    private final LongAdder totalInjections = new LongAdder();
    private final AtomicLong failures = new AtomicLong();

    // Guarded by lock.
    private final Map<String, ActiveRule> rules = new LinkedHashMap<>();
    private final Map<MethodSite, Integer> siteIds = new HashMap<>();
    private final Set<String> reportedFailures = new HashSet<>();
    private long generatedNames;
    private Set<String> planRules = Set.of();
    private Long seed;
    private ScheduledThreadPoolExecutor expiry;

    private volatile boolean enabled = true;
    private volatile boolean armed;
    private final List<ArmedListener> armedListeners = new CopyOnWriteArrayList<>();
    private volatile Site[] sites = new Site[0];

    private ChaosEngine(Builder builder) {
        this.allowDestructive = builder.allowDestructive;
        this.limits = builder.allowDestructive ? ResourceLimits.unlimited() : builder.limits;
        this.fixedSeed = builder.seed;
        this.seed = builder.seed;
        this.enabled = builder.enabled;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An engine with the defaults: enabled, unseeded, destructive faults refused, resource caps on. */
    public static ChaosEngine create() {
        return builder().build();
    }

    // ---------------------------------------------------------------- the per-call path

    /**
     * Called at the entry of the instrumented method {@code siteId}. Returns {@link Fault#CONTINUE} to
     * let the body run, or the value the method must return without running it; may throw the
     * exception a rule injects.
     */
    public Object enter(int siteId) throws Throwable {
        return apply(siteId, true);
    }

    /**
     * Called when the instrumented method {@code siteId} returns normally. Returns {@link Fault#CONTINUE}
     * to keep its return value, or the value to return instead; may throw the injected exception.
     */
    public Object exit(int siteId) throws Throwable {
        return apply(siteId, false);
    }

    private Object apply(int siteId, boolean entry) throws Throwable {
        if (!enabled) {
            return Fault.CONTINUE;
        }
        Site[] all = sites;
        if (siteId < 0 || siteId >= all.length) {
            return Fault.CONTINUE;
        }
        Site site = all[siteId];
        Binding[] bindings = entry ? site.entry : site.exit;
        if (bindings.length == 0 || (site.info.jdk() && Reentrancy.inside())) {
            return Fault.CONTINUE;
        }
        for (Binding binding : bindings) {
            Object result = binding.rule.onCall(binding);
            if (result != Fault.CONTINUE) {
                return result;
            }
        }
        return Fault.CONTINUE;
    }

    /** A rule reached its limit on the per-call path: unbind it off that path's back, under the lock. */
    void exhausted(ActiveRule rule) {
        synchronized (lock) {
            if (rules.get(rule.name) == rule) {
                rebindAll();
            }
        }
    }

    void countInjection() {
        totalInjections.increment();
    }

    /** A fault failed at its own work: reported once per rule, counted always, never thrown to the caller. */
    void reportFailure(ActiveRule rule, Throwable failure) {
        failures.incrementAndGet();
        boolean first;
        synchronized (reportedFailures) {
            first = reportedFailures.add(rule.name);
        }
        if (first) {
            log.warn("rule {}: the {} fault failed and was skipped: {}", rule.name, rule.fault().key(),
                    failure instanceof dev.chaosagent.fault.FaultFailedException ? failure.getMessage() : failure.toString());
        }
    }

    // ---------------------------------------------------------------- sites

    /** Registers an instrumented method (or finds it again) and returns the id its woven code passes back. */
    public int registerSite(MethodSite info) {
        synchronized (lock) {
            Integer known = siteIds.get(info);
            if (known != null) {
                return known;
            }
            int id = sites.length;
            Site site = new Site(info);
            bind(site);
            Site[] grown = Arrays.copyOf(sites, id + 1);
            grown[id] = site;
            sites = grown;
            siteIds.put(info, id);
            return id;
        }
    }

    /** The number of registered methods a rule applies to (whether or not it is enabled now). */
    public int matchedSites(String name) {
        synchronized (lock) {
            ActiveRule rule = require(name);
            int count = 0;
            for (Site site : sites) {
                if (matches(rule.rule, site.info) && !rule.refusedSites.contains(site.info)) {
                    count++;
                }
            }
            return count;
        }
    }

    private static boolean matches(Rule rule, MethodSite info) {
        return rule.target().matchesType(info.className(), info.supertypes())
                && rule.target().matchesMethod(info.methodName(), info.parameterTypes());
    }

    private void rebindAll() {
        for (Site site : sites) {
            bind(site);
        }
        updateArmed();
    }

    /** Armed: the master switch is on and some rule can act. Instrumentation reads it before anything else. */
    private void updateArmed() {
        boolean now = false;
        for (ActiveRule rule : rules.values()) {
            now |= enabled && rule.state() == ActiveRule.ARMED;
        }
        if (now != armed) {
            armed = now;
            for (ArmedListener listener : armedListeners) {
                listener.armedChanged(now);
            }
        }
    }

    private void bind(Site site) {
        List<Binding> entry = new ArrayList<>();
        List<Binding> exit = new ArrayList<>();
        MethodSite info = site.info;
        for (ActiveRule active : rules.values()) {
            Rule rule = active.rule;
            // Only armed rules are bound: a disabled rule costs its methods nothing.
            if (active.state() != ActiveRule.ARMED || !matches(rule, info)) {
                continue;
            }
            Object returnValue = null;
            Fault fault = rule.fault();
            if (fault instanceof ExceptionFault exception && !exception.isDeclaredBy(info.declaredExceptions())) {
                refuseAt(active, site, exception.type().getName() + " is a checked exception that "
                        + info.signature() + " does not declare");
                continue;
            }
            if (fault instanceof ReturnsFault returns) {
                try {
                    returnValue = returns.convertFor(info.returnType());
                } catch (IllegalArgumentException e) {
                    refuseAt(active, site, "returns=" + returns.value() + " does not fit " + info.signature()
                            + ", which returns " + info.returnType() + ": " + e.getMessage());
                    continue;
                }
            }
            (rule.at() == At.ENTRY ? entry : exit).add(new Binding(active, info, returnValue));
        }
        site.entry = entry.isEmpty() ? NONE : entry.toArray(NONE);
        site.exit = exit.isEmpty() ? NONE : exit.toArray(NONE);
    }

    private void refuseAt(ActiveRule rule, Site site, String why) {
        if (rule.refusedSites.add(site.info)) {
            publish(ChaosEvent.Type.REFUSED, rule.name, "rule " + rule.name + " does not apply to " + site.info.signature() + ": " + why);
        }
    }

    // ---------------------------------------------------------------- rules

    /**
     * Adds a rule, or replaces the rule of the same name atomically (its counters restart).
     * Returns the rule's name, generated ({@code rule-1}, ...) when it has none.
     *
     * @throws InvalidRuleException when the rule is refused; nothing changes then
     */
    public String add(Rule rule) {
        String name;
        synchronized (lock) {
            checkAllowed(rule);
            name = rule.name() != null ? rule.name() : generateName();
            Rule named = rule.withName(name);
            ActiveRule previous = rules.get(name);
            ActiveRule active = activate(named);
            rules.put(name, active);
            rebindAll();
            if (previous != null) {
                previous.end();
                publish(ChaosEvent.Type.REPLACED, name, "rule " + name + " replaced: " + named.toSpec());
            } else {
                publish(ChaosEvent.Type.ADDED, name, "rule " + name + " added: " + named.toSpec());
            }
        }
        rulesChanged();
        return name;
    }

    private void checkAllowed(Rule rule) {
        if (rule.fault().destructive() && !allowDestructive) {
            String message = rule.fault().key() + ": \"" + rule.fault().value()
                    + "\" is a destructive fault (expected the agent option allowDestructive=true at start-up)";
            publish(ChaosEvent.Type.REFUSED, rule.name(), "rule refused: " + message);
            throw new InvalidRuleException(rule.fault().key(), rule.fault().value(),
                    "is a destructive fault (expected the agent option allowDestructive=true at start-up)");
        }
    }

    /**
     * Records something a door (JMX, the CLI, a plan, a test) refused before it reached the engine,
     * so that the log and the journal tell of it too.
     *
     * @param rule the rule's name when known, else null
     */
    public void refused(String rule, String message) {
        publish(ChaosEvent.Type.REFUSED, rule, message);
    }

    private String generateName() {
        String name;
        do {
            name = "rule-" + (++generatedNames);
        } while (rules.containsKey(name));
        return name;
    }

    private ActiveRule activate(Rule rule) {
        Chance chance = seed == null ? Chance.unseeded() : Chance.seeded(seed, rule.name());
        ActiveRule active = new ActiveRule(rule, chance, new RuleResources(rule.name(), limits, retainedHeap), this);
        long ttl = rule.triggers().ttlNanos();
        if (ttl > 0) {
            active.expiry = expiryExecutor().schedule(() -> expire(active), ttl, TimeUnit.NANOSECONDS);
        }
        return active;
    }

    private ScheduledThreadPoolExecutor expiryExecutor() {
        if (expiry == null) {
            expiry = new ScheduledThreadPoolExecutor(1, AgentWork.threads("expiry"));
            // The thread exists only while some rule has a ttl: an idle agent runs no thread.
            expiry.setKeepAliveTime(1, TimeUnit.SECONDS);
            expiry.allowCoreThreadTimeOut(true);
            expiry.setRemoveOnCancelPolicy(true);
        }
        return expiry;
    }

    private void expire(ActiveRule active) {
        synchronized (lock) {
            if (rules.get(active.name) != active) {
                return;
            }
            rules.remove(active.name);
            rebindAll();
            active.end();
            publish(ChaosEvent.Type.EXPIRED, active.name, "rule " + active.name + " expired after its ttl of "
                    + DurationRange.format(active.rule.triggers().ttlNanos())
                    + " " + counts(active));
        }
        rulesChanged();
    }

    /** Removes a rule and releases what it retained; false when there is no rule of that name. */
    public boolean remove(String name) {
        synchronized (lock) {
            ActiveRule active = rules.remove(name);
            if (active == null) {
                return false;
            }
            rebindAll();
            active.end();
            publish(ChaosEvent.Type.REMOVED, name, "rule " + name + " removed " + counts(active));
        }
        rulesChanged();
        return true;
    }

    /** Enables a rule; false when there is no rule of that name or it is exhausted. */
    public boolean enable(String name) {
        return setRuleEnabled(name, true);
    }

    /** Disables a rule (it stays, with its counters); false when there is no rule of that name. */
    public boolean disable(String name) {
        return setRuleEnabled(name, false);
    }

    private boolean setRuleEnabled(String name, boolean on) {
        synchronized (lock) {
            ActiveRule active = rules.get(name);
            if (active == null || !active.setEnabled(on)) {
                return false;
            }
            rebindAll();
            publish(on ? ChaosEvent.Type.ENABLED : ChaosEvent.Type.DISABLED, name, "rule " + name + (on ? " enabled" : " disabled"));
            return true;
        }
    }

    /** The kill switch: removes every rule and releases everything they retained. */
    public void stopAll() {
        synchronized (lock) {
            List<ActiveRule> ended = new ArrayList<>(rules.values());
            rules.clear();
            rebindAll();
            long injections = 0;
            for (ActiveRule active : ended) {
                active.end();
                injections += active.injections();
                publish(ChaosEvent.Type.REMOVED, active.name, "rule " + active.name + " removed by the kill switch "
                        + counts(active));
            }
            publish(ChaosEvent.Type.STOPPED, null, "kill switch: " + plural(ended.size(), "rule") + " removed, "
                    + plural(injections, "injection") + " in all");
        }
        rulesChanged();
    }

    /**
     * Makes the plan's rules those of {@code wanted}, by name: unchanged rules keep their counters,
     * changed ones are replaced, rules of the previous plan that are missing now are removed, new
     * ones added. Rules added by other doors (JMX, the CLI, a test) are left alone unless
     * {@code wanted} has one of the same name. All are checked first: if one is refused, nothing changes.
     */
    public void applyRules(List<Rule> wanted) {
        applyRules(wanted, null, "no longer in the plan");
    }

    /**
     * {@link #applyRules(List)} for a named plan, whose name the events carry.
     *
     * @param plan    the plan's name, or null when it has none
     * @param removal why the rules that are not wanted go, in words (e.g. {@code the plan expired at ...})
     */
    public void applyRules(List<Rule> wanted, String plan, String removal) {
        String by = plan == null ? "" : " by plan " + plan;
        synchronized (lock) {
            Set<String> names = new HashSet<>();
            for (Rule rule : wanted) {
                checkAllowed(rule);
                if (rule.name() == null || !names.add(rule.name())) {
                    throw new InvalidRuleException("name", rule.name(), "is missing or used twice (expected a unique name per rule)");
                }
            }
            for (String name : planRules) {
                ActiveRule active = names.contains(name) ? null : rules.remove(name);
                if (active != null) {
                    active.end();
                    publish(ChaosEvent.Type.REMOVED, name, "rule " + name + " removed: " + removal + " " + counts(active), plan);
                }
            }
            planRules = names;
            for (Rule rule : wanted) {
                ActiveRule previous = rules.get(rule.name());
                if (previous != null && previous.rule.equals(rule)) {
                    continue;
                }
                rules.put(rule.name(), activate(rule));
                if (previous != null) {
                    previous.end();
                    publish(ChaosEvent.Type.REPLACED, rule.name(), "rule " + rule.name() + " replaced" + by + ": " + rule.toSpec(), plan);
                } else {
                    publish(ChaosEvent.Type.ADDED, rule.name(), "rule " + rule.name() + " added" + by + ": " + rule.toSpec(), plan);
                }
            }
            rebindAll();
        }
        rulesChanged();
    }

    /** Records what a plan as a whole did (expired, selects this JVM or not), for the log and the journal. */
    public void planEvent(ChaosEvent.Type type, String plan, String message) {
        publish(type, null, message, plan);
    }

    /** The master switch: off, no rule acts (their counters stop too); rules stay as they are. */
    public void setEnabled(boolean on) {
        synchronized (lock) {
            if (enabled == on) {
                return;
            }
            enabled = on;
            updateArmed();
            publish(on ? ChaosEvent.Type.ENABLED : ChaosEvent.Type.DISABLED, null, "master switch " + (on ? "on" : "off"));
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** Whether any rule can act now: the master switch is on and some rule is armed. */
    public boolean isArmed() {
        return armed;
    }

    /** Told (under the engine's lock, so in order) each time {@link #isArmed()} changes, and once now. */
    public void addArmedListener(ArmedListener listener) {
        synchronized (lock) {
            armedListeners.add(listener);
            listener.armedChanged(armed);
        }
    }

    /** Follows {@link #isArmed()}; must be quick, it runs under the engine's lock. */
    @FunctionalInterface
    public interface ArmedListener {
        void armedChanged(boolean armed);
    }

    /**
     * Sets the seed that rules added from now on roll with (null: unseeded). Ignored when the
     * engine was built with a seed, which wins (the agent's {@code seed} option beats the plan's).
     */
    public void setSeed(Long newSeed) {
        synchronized (lock) {
            if (fixedSeed == null) {
                seed = newSeed;
            }
        }
    }

    public Optional<Long> seed() {
        synchronized (lock) {
            return Optional.ofNullable(seed);
        }
    }

    public List<String> ruleNames() {
        synchronized (lock) {
            return List.copyOf(rules.keySet());
        }
    }

    public List<Rule> rules() {
        synchronized (lock) {
            List<Rule> all = new ArrayList<>(rules.size());
            for (ActiveRule active : rules.values()) {
                all.add(active.rule);
            }
            return List.copyOf(all);
        }
    }

    public Optional<Rule> rule(String name) {
        synchronized (lock) {
            return Optional.ofNullable(rules.get(name)).map(a -> a.rule);
        }
    }

    /** Eligible calls of a rule since it was added (or last replaced). */
    public long calls(String name) {
        synchronized (lock) {
            return require(name).calls();
        }
    }

    /** Injections of a rule since it was added (or last replaced). */
    public long injections(String name) {
        synchronized (lock) {
            return require(name).injections();
        }
    }

    /** Injections of every rule since the engine started, removed rules included. */
    public long totalInjections() {
        return totalInjections.sum();
    }

    /** How often a fault failed at its own work (and was skipped). */
    public long failures() {
        return failures.get();
    }

    /** Heap retained by memory faults, all rules together. */
    public long retainedHeapBytes() {
        return retainedHeap.get();
    }

    private ActiveRule require(String name) {
        ActiveRule active = rules.get(name);
        if (active == null) {
            throw new IllegalArgumentException("no rule named \"" + name + "\" (rules: "
                    + (rules.isEmpty() ? "none" : String.join(", ", rules.keySet())) + ")");
        }
        return active;
    }

    /** A table of every rule, its state, counters and time left, for people. */
    public String describe() {
        synchronized (lock) {
            StringBuilder out = new StringBuilder();
            out.append("chaos-agent: master switch ").append(enabled ? "on" : "off").append(", ")
                    .append(plural(rules.size(), "rule")).append(", ")
                    .append(plural(totalInjections(), "injection")).append(" in all\n");
            if (rules.isEmpty()) {
                return out.toString();
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "STATE", "CALLS", "INJECTIONS", "TTL LEFT", "RULE"});
            long now = System.nanoTime();
            for (ActiveRule active : rules.values()) {
                long ttl = active.rule.triggers().ttlNanos();
                String left = ttl == 0 ? "-" : formatLeft(active.addedAtNanos + ttl - now);
                rows.add(new String[] {active.name, active.stateName(), Long.toString(active.calls()),
                        Long.toString(active.injections()), left, active.rule.toSpec()});
            }
            int[] widths = new int[rows.get(0).length];
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    out.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
                }
                out.append('\n');
            }
            return out.toString();
        }
    }

    private static String counts(ActiveRule active) {
        return "(" + plural(active.injections(), "injection") + " in " + plural(active.calls(), "call") + ")";
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static String formatLeft(long nanos) {
        long seconds = Math.max(0, TimeUnit.NANOSECONDS.toSeconds(nanos));
        return seconds >= 60 ? seconds / 60 + "m " + seconds % 60 + "s" : seconds + "s";
    }

    // ---------------------------------------------------------------- events

    public void addListener(ChaosEventListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ChaosEventListener listener) {
        listeners.remove(listener);
    }

    /**
     * Registers a callback run after every change to the set of rules (not to their state), outside
     * the engine's lock: instrumentation uses it to transform or restore classes.
     */
    public void addRuleSetListener(Runnable listener) {
        ruleSetListeners.add(listener);
    }

    private void rulesChanged() {
        for (Runnable listener : ruleSetListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("a rule-set listener failed: {}", e.toString());
            }
        }
    }

    /** Logs the event (one line; a refusal is a warning) and hands it to every listener. */
    void publish(ChaosEvent.Type type, String rule, String message) {
        publish(type, rule, message, null);
    }

    private void publish(ChaosEvent.Type type, String rule, String message, String plan) {
        ChaosEvent event = new ChaosEvent(Instant.now(), type, rule, message, plan);
        boolean entered = Reentrancy.enter();
        try {
            if (type == ChaosEvent.Type.REFUSED) {
                log.warn(message);
            } else {
                log.info(message);
            }
            for (ChaosEventListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    log.warn("an event listener failed on {}: {}", type.key(), e.toString());
                }
            }
        } finally {
            if (entered) {
                Reentrancy.leave();
            }
        }
    }

    /** One instrumented method and the rules that act on it now, split by where they act. */
    private static final class Site {
        final MethodSite info;
        volatile Binding[] entry = NONE;
        volatile Binding[] exit = NONE;

        Site(MethodSite info) {
            this.info = info;
        }
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

        public Builder resourceLimits(ResourceLimits limits) {
            this.limits = limits;
            return this;
        }

        public ChaosEngine build() {
            return new ChaosEngine(this);
        }
    }
}
