package dev.chaosagent.preset;

import dev.chaosagent.rule.TargetPattern;

/**
 * A method whose normal return teaches a preset something it will need at a later call: that a
 * statement {@code Connection.prepareStatement} returned carries the SQL text it was given, say.
 * Woven while a rule of its preset exists; it remembers, in {@code memory}, the {@code value} under
 * the {@code key} (the returned object or the receiver), held weakly.
 */
public record Recorder(TargetPattern method, Operand key, Operand value, WeakIdentityMemory memory) {

    public static Recorder of(String target, Operand key, Operand value, WeakIdentityMemory memory) {
        return new Recorder(TargetPattern.parse(target), key, value, memory);
    }

    /** Called at the method's normal exit with its receiver, what it returned and the parameter {@link #value} names. */
    public void remember(Object receiver, Object returned, Object argument) {
        Object under = key.isReturned() ? returned : receiver;
        if (under != null && argument != null) {
            memory.put(under, argument);
        }
    }
}
