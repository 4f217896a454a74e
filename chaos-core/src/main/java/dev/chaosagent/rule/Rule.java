package dev.chaosagent.rule;

import dev.chaosagent.fault.Fault;
import dev.chaosagent.preset.Preset;
import dev.chaosagent.preset.PresetMethod;
import dev.chaosagent.scope.Scope;
import dev.chaosagent.scope.ScopeCondition;
import dev.chaosagent.trigger.Triggers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where ({@link #target}, or the methods of a {@link #preset}), what (one {@link Fault}) and when
 * ({@link Triggers}, {@link #at}) to inject. Immutable: built by {@link #builder()} or by {@link RuleParser}; two rules with the same
 * settings are equal, which is how a plan reload tells an unchanged rule from a changed one.
 *
 * @param name   null until the engine names it ({@code rule-1}, ...)
 * @param target null when the rule has a preset
 * @param async  {@code async=auto} (true, the default): on an asynchronous method the fault acts on
 *               what the method returns; {@code async=off}: it acts in the calling thread
 * @param preset null when the rule has a target
 */
public record Rule(String name, TargetPattern target, Fault fault, At at, Triggers triggers, boolean enabled, Scope scope,
                   boolean async, Preset preset) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public Rule {
        if (preset != null && target != null) {
            throw new InvalidRuleException("preset", preset.name(), "cannot be used with target (expected either target=CLASS#METHOD or preset=NAME)");
        }
        if (preset == null) {
            Objects.requireNonNull(target, "target");
        }
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(triggers, "triggers");
        Objects.requireNonNull(scope, "scope");
        if (name != null && !NAME.matcher(name).matches()) {
            throw new InvalidRuleException("name", name, "is not a valid name (expected letters, digits, '.', '_' or '-')");
        }
        if (at == At.EXIT && fault.entryOnly()) {
            throw new InvalidRuleException("at", "exit", "cannot be used with " + fault.key()
                    + " (expected at=entry; only latency, exception and returns act at exit)");
        }
        if (preset != null) {
            preset.delivery(fault, at); // refuses now a fault the preset cannot deliver
        }
    }

    /** A rule that acts on every call of its methods. */
    public Rule(String name, TargetPattern target, Fault fault, At at, Triggers triggers, boolean enabled) {
        this(name, target, fault, at, triggers, enabled, Scope.NONE, true, null);
    }

    /** A rule with a target. */
    public Rule(String name, TargetPattern target, Fault fault, At at, Triggers triggers, boolean enabled, Scope scope) {
        this(name, target, fault, at, triggers, enabled, scope, true, null);
    }

    /** The fault as it acts on calls: the rule's own, or what its preset makes of it ({@link Preset#delivery}). */
    public Fault acting() {
        return preset == null ? fault : preset.delivery(fault, at);
    }

    /** The patterns of the methods the rule acts on: its target, or its preset's methods. */
    public List<TargetPattern> methods() {
        if (preset == null) {
            return List.of(target);
        }
        List<TargetPattern> methods = new ArrayList<>();
        for (PresetMethod method : preset.methods()) {
            methods.add(method.method());
        }
        return methods;
    }

    /** Whether the rule acts on this method of a class with these supertypes. */
    public boolean appliesTo(String className, Set<String> supertypes, String method, List<String> parameterTypes) {
        for (TargetPattern pattern : methods()) {
            if (pattern.matchesType(className, supertypes) && pattern.matchesMethod(method, parameterTypes)) {
                return true;
            }
        }
        return false;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Rule withName(String newName) {
        return new Rule(newName, target, fault, at, triggers, enabled, scope, async, preset);
    }

    /** This rule with a time to live, when it has none of its own (rules added at run time get one). */
    public Rule withDefaultTtl(Duration ttl) {
        return triggers.ttlNanos() > 0 ? this : new Rule(name, target, fault, at, triggers.withTtl(ttl.toNanos()), enabled, scope, async, preset);
    }

    /** The rule in the one-line form, with default values left out; parsing it gives an equal rule. */
    public String toSpec() {
        StringBuilder spec = new StringBuilder();
        if (name != null) {
            spec.append("name=").append(name).append(' ');
        }
        spec.append(preset != null ? "preset=" + preset.name() : "target=" + target);
        if (!(fault instanceof dev.chaosagent.fault.PresetFault presetFault) || presetFault.named()) {
            spec.append(' ').append(fault.key()).append('=').append(fault.value());
        }
        if (fault instanceof dev.chaosagent.fault.ExceptionFault exception && exception.message() != null) {
            spec.append(" message=").append(RuleParser.quote(exception.message()));
        }
        if (at != At.ENTRY) {
            spec.append(" at=").append(at.key());
        }
        for (ScopeCondition condition : scope.conditions()) {
            spec.append(' ').append(condition.key()).append('=').append(RuleParser.quote(condition.value()));
        }
        if (triggers.probability() < 1.0) {
            spec.append(" probability=").append(triggers.probability());
        }
        appendIfSet(spec, "every", triggers.every());
        appendIfSet(spec, "after", triggers.after());
        appendIfSet(spec, "limit", triggers.limit());
        if (triggers.ttlNanos() > 0) {
            spec.append(" ttl=").append(DurationRange.format(triggers.ttlNanos()));
        }
        if (!enabled) {
            spec.append(" enabled=false");
        }
        if (!async) {
            spec.append(" async=off");
        }
        return spec.toString();
    }

    private static void appendIfSet(StringBuilder spec, String key, long value) {
        if (value > 0) {
            spec.append(' ').append(key).append('=').append(value);
        }
    }

    @Override
    public String toString() {
        return toSpec();
    }

    /** Builds a rule in code; every setter checks its value as the rule language would. */
    public static final class Builder {
        private String name;
        private TargetPattern target;
        private Fault fault;
        private At at = At.ENTRY;
        private double probability = 1.0;
        private long every;
        private long after;
        private long limit;
        private long ttlNanos;
        private boolean enabled = true;
        private Scope scope = Scope.NONE;
        private boolean async = true;
        private Preset preset;

        private Builder() {
        }

        /** {@code async=off} (false) makes the rule act in the calling thread even on an asynchronous method. */
        public Builder async(boolean async) {
            this.async = async;
            return this;
        }

        /** The preset whose methods the rule acts on, instead of a target. */
        public Builder preset(Preset preset) {
            this.preset = preset;
            return this;
        }

        /** The calls the rule acts on; {@link Scope#NONE}, every call, by default. */
        public Builder scope(Scope scope) {
            this.scope = java.util.Objects.requireNonNull(scope, "scope");
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder target(String target) {
            this.target = TargetPattern.parse(target);
            return this;
        }

        public Builder fault(Fault fault) {
            this.fault = fault;
            return this;
        }

        public Builder at(At at) {
            this.at = at;
            return this;
        }

        public Builder probability(double probability) {
            if (!(probability >= 0 && probability <= 1)) {
                throw RuleParser.notAProbability(String.valueOf(probability));
            }
            this.probability = probability;
            return this;
        }

        public Builder every(long every) {
            this.every = atLeastOne("every", every);
            return this;
        }

        public Builder after(long after) {
            if (after < 0) {
                throw RuleParser.notAWholeNumber("after", String.valueOf(after), 0, Long.MAX_VALUE);
            }
            this.after = after;
            return this;
        }

        public Builder limit(long limit) {
            this.limit = atLeastOne("limit", limit);
            return this;
        }

        public Builder ttl(Duration ttl) {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new InvalidRuleException("ttl", ttl.toString(), "is not positive (expected like 10m)");
            }
            this.ttlNanos = ttl.toNanos();
            return this;
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        private static long atLeastOne(String key, long value) {
            if (value < 1) {
                throw RuleParser.notAWholeNumber(key, String.valueOf(value), 1, Long.MAX_VALUE);
            }
            return value;
        }

        public Rule build() {
            if (target == null && preset == null) {
                throw new InvalidRuleException("target", null, "is required (expected CLASS#METHOD, like com.acme.*Client#fetch*)");
            }
            if (fault == null && preset != null) {
                fault = preset.defaultFault(Rule.class.getClassLoader());
            }
            if (fault == null) {
                throw new InvalidRuleException("rule", target.toString(), "has no fault (expected exactly one of "
                        + String.join(", ", RuleParser.FAULT_KEYS) + ")");
            }
            return new Rule(name, target, fault, at, new Triggers(probability, every, after, limit, ttlNanos), enabled, scope, async, preset);
        }
    }
}
