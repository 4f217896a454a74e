package dev.chaosagent.rule;

import dev.chaosagent.preset.Preset;
import dev.chaosagent.preset.Presets;
import java.util.Map;

/** How the rule language reads the {@code preset} key, and refuses a key that belongs to a preset the rule has not named. */
final class PresetKeys {

    private PresetKeys() {
    }

    /** Takes the {@code preset} key out of the values; its preset, or null when the rule has none. */
    static Preset preset(Map<String, RuleValue> values) {
        RuleValue value = values.remove("preset");
        if (value == null) {
            return null;
        }
        return Presets.named(value.kind() == RuleValue.Kind.NULL ? null : value.text());
    }

    /** Refuses a key that is not a key of the rule's preset, or that needs a preset, with the keys expected there; else returns. */
    static void refuseUnknown(String key, String value, Preset preset) {
        if (preset != null && key.indexOf('.') > 0) {
            throw new InvalidRuleException(key, value, "is not a key of preset " + preset.name() + " (expected one of "
                    + String.join(", ", preset.keyNames()) + ", or a scope key: " + dev.chaosagent.scope.Scope.KEYS + ")");
        }
        Preset owner = preset == null ? Presets.owningKey(key) : null;
        if (owner != null) {
            throw new InvalidRuleException(key, value, "is a key of preset " + owner.name() + " (expected preset=" + owner.name()
                    + " instead of a target)");
        }
    }

    /** {@code , or preset jdbc's ...} for the message of a rule with no fault or two. */
    static String faultKeysOf(Preset preset) {
        return preset.faultKeys().isEmpty() ? "" : ", or preset " + preset.name() + "'s " + String.join(", ", preset.faultKeys());
    }
}
