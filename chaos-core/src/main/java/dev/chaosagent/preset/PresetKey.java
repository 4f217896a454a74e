package dev.chaosagent.preset;

import dev.chaosagent.scope.Glob;

/**
 * One scope key of a preset, such as {@code sql.table}: how its value is read as a pattern, and
 * whether an operation (what {@link Preset#operation} made of the call) matches it. Matching runs on
 * every call of a bound method while its rule is armed: it must not allocate.
 */
public interface PresetKey {

    /** The key as users write it, e.g. {@code sql.table}. */
    String name();

    /** The pattern a rule's value stands for (a preset whose values ignore case lower-cases it here). */
    default Glob pattern(String value) {
        return Glob.of(value);
    }

    /** Whether the operation matches the pattern. */
    boolean matches(Object operation, Glob pattern);
}
