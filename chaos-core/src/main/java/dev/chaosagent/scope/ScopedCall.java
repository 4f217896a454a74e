package dev.chaosagent.scope;

/** What a scope condition may ask of the call being decided, beyond the current thread. */
public interface ScopedCall {

    /**
     * Whether parameter {@code index} of the call, as {@code String.valueOf} would write it, matches;
     * false when the woven code did not pass that parameter.
     */
    boolean argumentMatches(int index, Glob glob);
}
