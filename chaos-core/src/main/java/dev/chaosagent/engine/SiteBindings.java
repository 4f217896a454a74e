package dev.chaosagent.engine;

import dev.chaosagent.async.AsyncCall;
import dev.chaosagent.async.AsyncKind;
import dev.chaosagent.engine.spi.ArmedListener;
import dev.chaosagent.engine.spi.SiteTable;
import dev.chaosagent.engine.spi.WovenMethod;
import dev.chaosagent.fault.ExceptionFault;
import dev.chaosagent.fault.Fault;
import dev.chaosagent.fault.ReturnsFault;
import dev.chaosagent.preset.DeferredOperation;
import dev.chaosagent.preset.Preset;
import dev.chaosagent.preset.PresetMethod;
import dev.chaosagent.rule.At;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.rule.TargetPattern;
import dev.chaosagent.scope.Scope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The instrumented methods, the rules bound to each, and the per-call path: the engine's
 * {@link SiteTable}, which the weaver reaches through {@link SiteTable#of}.
 *
 * <p>Changes (binding, the master switch) happen under the engine's lock; the per-call path only
 * reads volatile fields of this object and the sites' binding arrays, takes no lock and allocates
 * nothing unless a rule injects.
 */
final class SiteBindings extends SiteTable {

    private static final Binding[] NONE = new Binding[0];

    private final Object lock;
    private final EngineEvents events;
    private final ArmedState armed = new ArmedState();

    // Guarded by lock.
    private final Map<WovenMethod, Integer> ids = new HashMap<>();
    /** For each bound rule, the number of methods it is bound to: a rule on one method needs no frame. */
    private final Map<ActiveRule, Integer> boundMethods = new HashMap<>();
    /** Every rule in the order added, as last bound (the registry's own view). */
    private Collection<ActiveRule> rules = List.of();
    /** The methods experiments observe, and who is told of their calls. */
    private final Map<CallObserver, ObservedCalls> observed = new HashMap<>();

    private volatile boolean enabled;
    private volatile Site[] sites = new Site[0];

    SiteBindings(Object lock, EngineEvents events, boolean enabled) {
        this.lock = lock;
        this.events = events;
        this.enabled = enabled;
    }

    // ---------------------------------------------------------------- the per-call path

    @Override
    public Object enter(int siteId) throws Throwable {
        // Kept apart from the overloads below, and small: this is the path of nearly every woven call.
        Site[] all = sites;
        if (siteId >= 0 && siteId < all.length) {
            Site site = all[siteId];
            Binding sole = site.sole;
            if (sole != null) {
                return sole.rule.onCall(sole);
            }
            Binding[] alone = site.alone;
            if (alone != null) {
                return decideAlone(alone);
            }
        }
        return enterFramed(siteId);
    }

    /** {@link #enter(int)} at a site whose rules need a frame, or that no rule can act at now. */
    private Object enterFramed(int siteId) throws Throwable {
        Site site = acting(siteId);
        if (site == null) {
            return null;
        }
        Binding[] bindings = site.bindings;
        if (bindings.length > 0 && bindings[0].frameless) {
            return decideAlone(bindings); // a JDK method's, which the agent's own work may be calling
        }
        ThreadCalls calls = ThreadCalls.current();
        return decide(calls, calls.open(bindings, site.observer));
    }

    @Override
    public Object enter(int siteId, long bits0, Object object0, long bits1, Object object1, long bits2, Object object2)
            throws Throwable {
        return enter(siteId, null, bits0, object0, bits1, object1, bits2, object2);
    }

    @Override
    public Object enter(int siteId, Object operand, long bits0, Object object0, long bits1, Object object1, long bits2, Object object2)
            throws Throwable {
        Site site = acting(siteId);
        if (site == null || Reentrancy.inside()) {
            return null; // nor a call that the agent's own work makes (a fault making the call again later)
        }
        Binding[] bindings = site.bindings;
        if (bindings.length > 0 && bindings[0].frameless) {
            return decideAlone(bindings); // woven to pass parameters, but no rule that reads them is bound now
        }
        ThreadCalls calls = ThreadCalls.current();
        calls.deciding(site.method, operand, bits0, object0, bits1, object1, bits2, object2);
        try {
            return decide(calls, calls.open(bindings, site.observer));
        } finally {
            calls.decided();
        }
    }

    @Override
    public Object resume(int siteId) {
        Site site = acting(siteId);
        if (site == null) {
            return null;
        }
        ThreadCalls calls = ThreadCalls.current();
        return calls.open(site.bindings, null) < 0 ? null : calls;
    }

    /**
     * The site, when some rule can act on a call there now: not while the master switch is off, nor
     * at a site with no rule bound, nor in a JDK method that the agent's own work is calling.
     */
    private Site acting(int siteId) {
        Site site = site(siteId);
        if (site == null || (site.bindings.length == 0 && site.observer == null) || (site.method.jdk() && Reentrancy.inside())) {
            return null;
        }
        return site;
    }

    /**
     * The rules of a site that needs no frame ({@link Binding#frameless}) decide in order; nothing
     * is left open, so the woven code has nothing to do at exit.
     */
    private static Object decideAlone(Binding[] bindings) throws Throwable {
        // The first rule apart from the others: a site has one rule most often, and then no loop runs.
        Binding first = bindings[0];
        Object result = first.rule.onCall(first);
        return result != null || bindings.length == 1 ? result : decideAfterFirst(bindings);
    }

    private static Object decideAfterFirst(Binding[] bindings) throws Throwable {
        for (int i = 1; i < bindings.length; i++) {
            Object result = bindings[i].rule.onCall(bindings[i]);
            if (result != null) {
                return result;
            }
        }
        return null;
    }

    /** The rules that act at entry decide on the bindings the call opened, from {@code first} on. */
    private static Object decide(ThreadCalls calls, int first) throws Throwable {
        if (first < 0) {
            return null; // inside a call every one of its rules already counted
        }
        int height = calls.height();
        Object result = null;
        AsyncCall async = null;
        try {
            for (int i = first; i < height && result == null; i++) {
                Binding binding = calls.at(i);
                if (binding.atEntry) {
                    result = binding.rule.onCall(binding);
                    if (result instanceof AsyncCall effect) {
                        async = AsyncCall.merge(async, effect);
                        result = async.ends() ? async : null;
                    }
                }
            }
        } catch (Throwable injected) {
            calls.close(true);
            throw injected;
        }
        if (result != null) {
            calls.close(false); // the body will not run: no exit follows
            return result;
        }
        return async == null ? calls : async.carrying(calls);
    }

    @Override
    public Object exit(Object token, boolean returnedNormally) throws Throwable {
        AsyncCall async = token instanceof AsyncCall entered ? entered : null;
        ThreadCalls calls = (ThreadCalls) (async != null ? async.frame() : token);
        Object result = null;
        boolean failed = !returnedNormally;
        try {
            if (returnedNormally && enabled) {
                for (int i = calls.innermost(); i < calls.height() && result == null; i++) {
                    Binding binding = calls.at(i);
                    if (!binding.atEntry) {
                        result = binding.rule.onCall(binding);
                        if (result instanceof AsyncCall effect) {
                            async = AsyncCall.merge(async, effect);
                            result = async.ends() ? async : null;
                        }
                    }
                }
            }
        } catch (Throwable injected) {
            failed = true;
            throw injected;
        } finally {
            calls.close(failed);
        }
        if (async != null) {
            async.carrying(null);
        }
        return result == null && async != null && returnedNormally ? async : result;
    }

    private Site site(int siteId) {
        if (!enabled) {
            return null;
        }
        Site[] all = sites;
        return siteId >= 0 && siteId < all.length ? all[siteId] : null;
    }

    // ---------------------------------------------------------------- registration and binding

    @Override
    public int register(WovenMethod method) {
        synchronized (lock) {
            Integer known = ids.get(method);
            if (known != null) {
                return known;
            }
            int id = sites.length;
            Site site = new Site(method);
            bind(site);
            boolean shared = false;
            for (Match match : site.matches) {
                shared |= countBound(match.rule()) == 2;
            }
            Site[] grown = Arrays.copyOf(sites, id + 1);
            grown[id] = site;
            if (shared) {
                // A rule that was on one method is now on two: the other one needs frames from now on.
                for (Site other : grown) {
                    publish(other);
                }
            } else {
                publish(site);
            }
            sites = grown;
            ids.put(method, id);
            return id;
        }
    }

    @Override
    public void addArmedListener(ArmedListener listener) {
        synchronized (lock) {
            armed.addListener(listener);
        }
    }

    boolean isArmed() {
        return armed.isArmed();
    }

    boolean isEnabled() {
        return enabled;
    }

    /** The master switch; false when it already was so. Called under the engine's lock. */
    boolean setEnabled(boolean on) {
        if (enabled == on) {
            return false;
        }
        enabled = on;
        for (Site site : sites) {
            publishAlone(site);
        }
        updateArmed();
        return true;
    }

    /** Tells its observer of every call {@code calls} observes, from now on; under the engine's lock. */
    void observe(ObservedCalls calls) {
        observed.put(calls.observer(), calls);
        rebind(rules);
    }

    /** Stops telling {@code observer}; under the engine's lock. */
    void stopObserving(CallObserver observer) {
        if (observed.remove(observer) != null) {
            rebind(rules);
        }
    }

    @Override
    public List<ObservedCalls> observed() {
        synchronized (lock) {
            return List.copyOf(observed.values());
        }
    }

    /**
     * One more method bound to {@code rule}; returns how many it is bound to now. Not a
     * {@code merge(rule, 1, Integer::sum)}: its lambda would spin method handles at the first weave,
     * on the thread that loads the application's class.
     */
    private int countBound(ActiveRule rule) {
        Integer before = boundMethods.get(rule);
        int now = before == null ? 1 : before + 1;
        boundMethods.put(rule, now);
        return now;
    }

    /** Binds every site to the armed ones of {@code all}, in order; called under the engine's lock after any change. */
    void rebind(Collection<ActiveRule> all) {
        rules = all;
        boundMethods.clear();
        for (Site site : sites) {
            bind(site);
            for (Match match : site.matches) {
                countBound(match.rule());
            }
        }
        for (Site site : sites) {
            publish(site);
        }
        updateArmed();
    }

    /** The number of registered methods a rule applies to (whether or not it is armed now); under the engine's lock. */
    int matched(ActiveRule rule) {
        int count = 0;
        for (Site site : sites) {
            if (matches(rule.rule, site.method) && !rule.refusedMethods.contains(site.method)) {
                count++;
            }
        }
        return count;
    }

    private void updateArmed() {
        boolean now = enabled && !observed.isEmpty();
        for (ActiveRule rule : rules) {
            now |= enabled && rule.state() == RuleState.ARMED;
        }
        armed.set(now);
    }

    private static boolean matches(Rule rule, WovenMethod method) {
        return rule.appliesTo(method.className(), method.supertypes(), method.methodName(), method.parameterTypes());
    }

    /** The signatures of the registered methods a rule applies to (as {@link #matched} counts them); under the engine's lock. */
    List<String> bound(ActiveRule rule) {
        List<String> signatures = new ArrayList<>();
        for (Site site : sites) {
            if (matches(rule.rule, site.method) && !rule.refusedMethods.contains(site.method)) {
                signatures.add(site.method.signature());
            }
        }
        return signatures;
    }

    /** Finds the armed rules that apply to the site, in order, and its observer; refusals are reported here. */
    private void bind(Site site) {
        List<Match> bound = new ArrayList<>();
        WovenMethod method = site.method;
        for (ActiveRule active : rules) {
            Rule rule = active.rule;
            // Only armed rules are bound: a disabled rule costs its methods nothing.
            if (active.state() != RuleState.ARMED || !matches(rule, method)) {
                continue;
            }
            Object returnValue = null;
            Fault fault = active.fault();
            // An asynchronous result, or a deferred operation, fails with any exception, checked or not; the first holds any value.
            AsyncKind async = rule.async() && AsyncKind.actsOnResult(fault) ? site.async : null;
            DeferredOperation deferred = rule.async() && rule.preset() != null ? deferredAt(rule.preset(), method) : null;
            if (deferred != null) {
                async = null;
                String undeferrable = undeferrable(rule, fault, method);
                if (undeferrable != null) {
                    refuseAt(active, site, undeferrable);
                    continue;
                }
            }
            if (fault instanceof ExceptionFault exception && async == null && deferred == null
                    && !exception.isDeclaredBy(method.declaredExceptions())) {
                refuseAt(active, site, exception.type().getName() + " is a checked exception that "
                        + method.signature() + " does not declare");
                continue;
            }
            if (fault instanceof ReturnsFault returns) {
                try {
                    returnValue = returns.convertFor(async != null ? "java.lang.Object" : method.returnType());
                } catch (IllegalArgumentException e) {
                    refuseAt(active, site, "returns=" + returns.value() + " does not fit " + method.signature()
                            + ", which returns " + method.returnType() + ": " + e.getMessage());
                    continue;
                }
            }
            String unscopable = unscopable(rule, method);
            if (unscopable != null) {
                refuseAt(active, site, unscopable);
                continue;
            }
            bound.add(new Match(active, returnValue, async, deferred));
            if (rule.preset() != null && active.boundPresetMethods.add(method)) {
                events.publish(ChaosEvent.Type.BOUND, active.name, "rule " + active.name + " (preset " + rule.preset().name()
                        + ") bound " + method.signature());
            }
        }
        site.matches = bound;
        ObservedCalls observer = null;
        for (ObservedCalls watched : observed.values()) {
            if (watched.matches(method)) {
                observer = watched;
            }
        }
        site.observer = observer;
    }

    /**
     * Makes the site's matches its bindings. A rule bound to this one method only is {@code solo}: it
     * counts each call of it, a direct recursion included, as Byteman and its peers count; one bound
     * to several keeps one logical call (a proxy and its target, an override calling {@code super})
     * as one call, which takes a frame per call. A site whose rules are all solo, act at entry in the
     * calling thread and have neither scope nor preset, and that no experiment observes, needs no
     * frame at all.
     */
    private void publish(Site site) {
        boolean frameless = !site.matches.isEmpty() && site.observer == null;
        for (Match match : site.matches) {
            Rule rule = match.rule().rule;
            frameless &= boundMethods.get(match.rule()) == 1 && rule.at() == At.ENTRY && rule.scope().isEmpty()
                    && rule.preset() == null && match.async() == null;
        }
        Binding[] bindings = new Binding[site.matches.size()];
        for (int i = 0; i < bindings.length; i++) {
            Match match = site.matches.get(i);
            bindings[i] = new Binding(match.rule(), site.method, match.returnValue(), match.async(), match.deferred(),
                    boundMethods.get(match.rule()) == 1, frameless);
        }
        site.bindings = bindings.length == 0 ? NONE : bindings;
        publishAlone(site);
    }

    /**
     * Gives the site its shortest path, {@link Site#alone}, when a call there needs nothing but its
     * frameless rules: the master switch is on, and the method is not the JDK's (whose calls by the
     * agent's own work are told apart first). Under the engine's lock, after any change to either.
     */
    private void publishAlone(Site site) {
        Binding[] bindings = site.bindings;
        Binding[] alone = enabled && bindings.length > 0 && bindings[0].frameless && !site.method.jdk() ? bindings : null;
        site.sole = alone != null && alone.length == 1 ? alone[0] : null;
        site.alone = alone;
    }

    /**
     * An armed rule that applies to a site, with the value its {@code returns} fault gives there, the
     * asynchronous type it acts on, and the operation its preset defers there.
     */
    private record Match(ActiveRule rule, Object returnValue, AsyncKind async, DeferredOperation deferred) {
    }

    /** How the preset's method at {@code method} defers its operation, or null when it does not (or the preset does not bind it). */
    private static DeferredOperation deferredAt(Preset preset, WovenMethod method) {
        for (PresetMethod presetMethod : preset.methods()) {
            if (presetMethod.matches(method.className(), method.supertypes(), method.methodName(), method.parameterTypes())) {
                return presetMethod.deferred();
            }
        }
        return null;
    }

    /**
     * Why the rule's fault cannot act on the operation its preset defers at the method, or null when
     * it can: by the time the method returns, the operation is on its way, and nothing stands for its
     * value but the library's own object.
     */
    private static String undeferrable(Rule rule, Fault fault, WovenMethod method) {
        if (fault instanceof ReturnsFault returns) {
            return "returns=" + returns.value() + " cannot stand for the operation " + method.signature()
                    + " hands to its library, which completes it later (expected latency or an exception, or async=off)";
        }
        if (rule.at() == At.EXIT) {
            return "at=exit cannot act on the operation " + method.signature() + " hands to its library: it is on its way by then"
                    + " (expected at=entry, or async=off)";
        }
        return null;
    }

    /** Why the rule's {@code argN} keys cannot apply to the method, or null when they can. */
    private static String unscopable(Rule rule, WovenMethod method) {
        for (int index : rule.scope().argumentIndexes()) {
            if (index >= method.parameterTypes().size()) {
                return "arg" + index + " names a parameter that " + method.signature() + " does not have (it has "
                        + method.parameterTypes().size() + ")";
            }
            if (!method.passedArguments().contains(index) && method.passedArguments().size() >= Scope.MAX_PASSED_ARGUMENTS) {
                return "arg" + index + " would be a parameter beyond the " + Scope.MAX_PASSED_ARGUMENTS
                        + " that the rules on " + method.signature() + " can name in all";
            }
        }
        return null;
    }

    private void refuseAt(ActiveRule rule, Site site, String why) {
        if (rule.refusedMethods.add(site.method)) {
            events.publish(ChaosEvent.Type.REFUSED, rule.name, "rule " + rule.name + " does not apply to "
                    + site.method.signature() + ": " + why);
        }
    }

    /** One instrumented method and the rules that act on it now, in the order they were added. */
    private static final class Site {
        final WovenMethod method;
        /** The method's asynchronous type, or null: from its declared types, once. */
        final AsyncKind async;
        volatile Binding[] bindings = NONE;
        /**
         * {@link #bindings} when each call here needs nothing else (see {@link #publishAlone}), else
         * null: what the path of nearly every call reads, one field instead of the checks it stands for.
         */
        volatile Binding[] alone;
        /** The one binding of {@link #alone}, when it has one: the most common site, without the array. */
        volatile Binding sole;
        volatile ObservedCalls observer;
        /** What {@link #bindings} is made of; guarded by the engine's lock. */
        List<Match> matches = List.of();

        Site(WovenMethod method) {
            this.method = method;
            this.async = AsyncKind.of(method.returnType(), method.parameterTypes());
        }
    }
}
