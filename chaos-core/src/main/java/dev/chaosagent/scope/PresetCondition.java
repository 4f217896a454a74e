package dev.chaosagent.scope;

import dev.chaosagent.preset.Preset;
import dev.chaosagent.preset.PresetKey;

/** {@code sql.table=orders}: a scope key of the rule's preset matches the operation of the call. */
public final class PresetCondition implements ScopeCondition {

    private final Preset preset;
    private final PresetKey key;
    private final String value;
    private final Glob pattern;

    public PresetCondition(Preset preset, PresetKey key, String value) {
        this.preset = preset;
        this.key = key;
        this.value = value;
        this.pattern = key.pattern(value);
    }

    @Override
    public String key() {
        return key.name();
    }

    @Override
    public String value() {
        return value;
    }

    @Override
    public boolean admits(ScopedCall call) {
        Object operation = call.operation(preset);
        return operation != null && key.matches(operation, pattern);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PresetCondition condition && condition.preset == preset
                && condition.key().equals(key()) && condition.value.equals(value);
    }

    @Override
    public int hashCode() {
        return key().hashCode() * 31 + value.hashCode();
    }

    @Override
    public String toString() {
        return key() + "=" + value;
    }
}
