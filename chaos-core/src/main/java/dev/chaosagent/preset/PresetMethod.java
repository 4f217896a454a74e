package dev.chaosagent.preset;

import dev.chaosagent.rule.TargetPattern;

/**
 * A method that carries one operation of a preset (a statement's execution, a request's handling),
 * named in the target grammar so that the library need not be on the agent's class path, and where
 * the preset finds the operation's details at each call.
 *
 * @param deferred how faults reach an operation the method only hands to its library, or null when
 *                 they act on the call itself
 */
public record PresetMethod(TargetPattern method, Operand operand, DeferredOperation deferred) {

    public static PresetMethod of(String target, Operand operand) {
        return new PresetMethod(TargetPattern.parse(target), operand, null);
    }

    /** A method that hands its operation to the library, which completes it later ({@link DeferredOperation}). */
    public static PresetMethod deferred(String target, Operand operand, DeferredOperation deferred) {
        return new PresetMethod(TargetPattern.parse(target), operand, deferred);
    }

    /** Whether this is the method of that name and parameters in a class of that name and supertypes. */
    public boolean matches(String className, Iterable<String> supertypes, String methodName, java.util.List<String> parameterTypes) {
        return method.matchesType(className, supertypes) && method.matchesMethod(methodName, parameterTypes);
    }
}
