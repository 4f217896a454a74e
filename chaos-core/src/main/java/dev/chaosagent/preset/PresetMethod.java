package dev.chaosagent.preset;

import dev.chaosagent.rule.TargetPattern;

/**
 * A method that carries one operation of a preset (a statement's execution, a request's handling),
 * named in the target grammar so that the library need not be on the agent's class path, and where
 * the preset finds the operation's details at each call.
 */
public record PresetMethod(TargetPattern method, Operand operand) {

    public static PresetMethod of(String target, Operand operand) {
        return new PresetMethod(TargetPattern.parse(target), operand);
    }
}
