package dev.chaosagent.scope;

import dev.chaosagent.preset.Preset;

/** What a scope condition may ask of the call being decided, beyond the current thread. */
public interface ScopedCall {

    /**
     * Whether parameter {@code index} of the call, as {@code String.valueOf} would write it, matches;
     * false when the woven code did not pass that parameter.
     */
    boolean argumentMatches(int index, Glob glob);

    /**
     * What the preset makes of the operand the woven code passed ({@link Preset#operation}), once
     * per call however many keys ask; null when none was passed or it says nothing.
     */
    Object operation(Preset preset);
}
