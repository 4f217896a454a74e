package dev.chaosagent.engine;

import static dev.chaosagent.engine.DescribeTable.plural;

import dev.chaosagent.rule.DurationRange;
import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.rule.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules by name and their life: added, replaced, enabled, disabled, removed, expired,
 * exhausted, reconciled with a plan. Every change is serialised under the engine's lock, rebinds the
 * sites, publishes its event, and then (outside the lock) tells the rule-set listeners.
 */
final class RuleRegistry implements RuleCallbacks {

    private final Object lock;
    private final SiteBindings sites;
    private final EngineEvents events;
    private final EngineTotals totals;
    private final RuleSeeds seeds;
    private final DestructiveGuard guard;
    private final ResourceLimits limits;
    private final RuleExpiry expiry = new RuleExpiry();

    // Guarded by lock.
    private final Map<String, ActiveRule> rules = new LinkedHashMap<>();
    private long generatedNames;
    private Set<String> planRules = Set.of();

    RuleRegistry(Object lock, SiteBindings sites, EngineEvents events, EngineTotals totals, RuleSeeds seeds,
                 DestructiveGuard guard, ResourceLimits limits) {
        this.lock = lock;
        this.sites = sites;
        this.events = events;
        this.totals = totals;
        this.seeds = seeds;
        this.guard = guard;
        this.limits = limits;
    }

    // ---------------------------------------------------------------- changes

    /** Adds a rule, or replaces the rule of the same name; returns it as it is in the engine now. */
    ActiveRule add(Rule rule) {
        ActiveRule active;
        synchronized (lock) {
            guard.check(rule);
            String name = rule.name() != null ? rule.name() : generateName();
            Rule named = rule.withName(name);
            ActiveRule previous = rules.get(name);
            active = start(named, PlanGate.ALWAYS_OPEN, false);
            rules.put(name, active);
            sites.rebind(rules.values());
            if (previous != null) {
                previous.end();
                events.publish(ChaosEvent.Type.REPLACED, name, "rule " + name + " replaced: " + named.toSpec());
            } else {
                events.publish(ChaosEvent.Type.ADDED, name, "rule " + name + " added: " + named.toSpec());
            }
        }
        events.rulesChanged();
        return active;
    }

    private String generateName() {
        String name;
        do {
            name = "rule-" + (++generatedNames);
        } while (rules.containsKey(name));
        return name;
    }

    private ActiveRule start(Rule rule, PlanGate gate, boolean dormant) {
        ActiveRule active = new ActiveRule(rule, seeds.chanceFor(rule.name()),
                new RuleResources(rule.name(), limits, totals.retainedHeap), this, gate, dormant);
        expiry.schedule(active, () -> expire(active));
        return active;
    }

    private void expire(ActiveRule active) {
        end(active, "expired after its ttl of " + DurationRange.format(active.rule.triggers().ttlNanos()), ChaosEvent.Type.EXPIRED);
    }

    /** Removes a rule and releases what it retained; false when there is no rule of that name. */
    boolean remove(String name) {
        synchronized (lock) {
            ActiveRule active = rules.get(name);
            if (active == null || !endLocked(active, "removed", ChaosEvent.Type.REMOVED)) {
                return false;
            }
        }
        events.rulesChanged();
        return true;
    }

    /**
     * Removes the rule if it is still in the engine (not removed, expired or replaced since), and
     * releases what it retained; false when it was not.
     */
    boolean end(ActiveRule active, String how, ChaosEvent.Type type) {
        synchronized (lock) {
            if (!endLocked(active, how, type)) {
                return false;
            }
        }
        events.rulesChanged();
        return true;
    }

    private boolean endLocked(ActiveRule active, String how, ChaosEvent.Type type) {
        if (rules.get(active.name) != active) {
            return false;
        }
        rules.remove(active.name);
        sites.rebind(rules.values());
        active.end();
        events.publish(type, active.name, "rule " + active.name + " " + how + " " + counts(active));
        return true;
    }

    /** Enables or disables a rule; false when there is no rule of that name or it is exhausted. */
    boolean setEnabled(String name, boolean on) {
        synchronized (lock) {
            ActiveRule active = rules.get(name);
            if (active == null || !active.setEnabled(on)) {
                return false;
            }
            sites.rebind(rules.values());
            events.publish(on ? ChaosEvent.Type.ENABLED : ChaosEvent.Type.DISABLED, name, "rule " + name + (on ? " enabled" : " disabled"));
            return true;
        }
    }

    /** The kill switch: removes every rule and releases everything they retained. */
    void stopAll() {
        synchronized (lock) {
            List<ActiveRule> ended = new ArrayList<>(rules.values());
            rules.clear();
            sites.rebind(rules.values());
            long injections = 0;
            for (ActiveRule active : ended) {
                active.end();
                injections += active.injections();
                events.publish(ChaosEvent.Type.REMOVED, active.name, "rule " + active.name + " removed by the kill switch "
                        + counts(active));
            }
            events.publish(ChaosEvent.Type.STOPPED, null, "kill switch: " + plural(ended.size(), "rule") + " removed, "
                    + plural(injections, "injection") + " in all");
        }
        events.rulesChanged();
    }

    /**
     * Makes the plan's rules those of {@code wanted}, by name: unchanged rules keep their counters,
     * changed ones are replaced, rules of the previous plan that are missing now are removed, new
     * ones added. Rules added by other doors are left alone unless {@code wanted} has one of the
     * same name. All are checked first: if one is refused, nothing changes.
     */
    void applyRules(List<Rule> wanted, String plan, String removal) {
        applyRules(wanted, plan, removal, PlanGate.ALWAYS_OPEN, Set.of());
    }

    /**
     * As {@link #applyRules(List, String, String)}, for an experiment's rules: they act through its
     * gate, and those named {@code dormant} start disabled (their phase has not come). A rule kept
     * from before keeps its state only if it already acted through this gate.
     */
    void applyRules(List<Rule> wanted, String plan, String removal, PlanGate gate, Set<String> dormant) {
        String by = plan == null ? "" : " by plan " + plan;
        synchronized (lock) {
            Set<String> names = new HashSet<>();
            for (Rule rule : wanted) {
                guard.check(rule);
                if (rule.name() == null || !names.add(rule.name())) {
                    throw new InvalidRuleException("name", rule.name(), "is missing or used twice (expected a unique name per rule)");
                }
            }
            for (String name : planRules) {
                ActiveRule active = names.contains(name) ? null : rules.remove(name);
                if (active != null) {
                    active.end();
                    events.publish(ChaosEvent.Type.REMOVED, name, "rule " + name + " removed: " + removal + " " + counts(active), plan);
                }
            }
            planRules = names;
            for (Rule rule : wanted) {
                ActiveRule previous = rules.get(rule.name());
                if (previous != null && previous.rule.equals(rule) && previous.gate == gate) {
                    continue;
                }
                rules.put(rule.name(), start(rule, gate, dormant.contains(rule.name())));
                if (previous != null) {
                    previous.end();
                    events.publish(ChaosEvent.Type.REPLACED, rule.name(), "rule " + rule.name() + " replaced" + by + ": " + rule.toSpec(), plan);
                } else {
                    events.publish(ChaosEvent.Type.ADDED, rule.name(), "rule " + rule.name() + " added" + by + ": " + rule.toSpec(), plan);
                }
            }
            sites.rebind(rules.values());
        }
        events.rulesChanged();
    }

    // ---------------------------------------------------------------- what rules tell from the per-call path

    /** A rule reached its limit on the per-call path: unbind it off that path's back, under the lock. */
    @Override
    public void exhausted(ActiveRule rule) {
        synchronized (lock) {
            if (rules.get(rule.name) == rule) {
                sites.rebind(rules.values());
            }
        }
    }

    @Override
    public void countInjection() {
        totals.countInjection();
    }

    @Override
    public void reportFailure(ActiveRule rule, Throwable failure) {
        totals.reportFailure(rule, failure);
    }

    @Override
    public void publish(ChaosEvent.Type type, String rule, String message) {
        events.publish(type, rule, message);
    }

    // ---------------------------------------------------------------- reading

    List<String> names() {
        synchronized (lock) {
            return List.copyOf(rules.keySet());
        }
    }

    List<Rule> rules() {
        synchronized (lock) {
            List<Rule> all = new ArrayList<>(rules.size());
            for (ActiveRule active : rules.values()) {
                all.add(active.rule);
            }
            return List.copyOf(all);
        }
    }

    Optional<ActiveRule> find(String name) {
        synchronized (lock) {
            return Optional.ofNullable(rules.get(name));
        }
    }

    /** @throws IllegalArgumentException naming the rules there are when there is no rule of that name */
    ActiveRule require(String name) {
        synchronized (lock) {
            ActiveRule active = rules.get(name);
            if (active == null) {
                throw new IllegalArgumentException("no rule named \"" + name + "\" (rules: "
                        + (rules.isEmpty() ? "none" : String.join(", ", rules.keySet())) + ")");
            }
            return active;
        }
    }

    int matchedSites(String name) {
        synchronized (lock) {
            return sites.matched(require(name));
        }
    }

    List<String> bound(String name) {
        synchronized (lock) {
            return sites.bound(require(name));
        }
    }

    String describe() {
        synchronized (lock) {
            Map<ActiveRule, List<String>> presetMethods = new LinkedHashMap<>();
            for (ActiveRule active : rules.values()) {
                if (active.rule.preset() != null) {
                    presetMethods.put(active, sites.bound(active));
                }
            }
            return DescribeTable.of(sites.isEnabled(), rules.values(), totals.injections(), presetMethods);
        }
    }

    private static String counts(ActiveRule active) {
        return "(" + plural(active.injections(), "injection") + " in " + plural(active.calls(), "call") + ")";
    }
}
