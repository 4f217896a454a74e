package dev.chaosagent.instrument;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the advice parameter that receives what a preset reads of the woven method's call, as the
 * preset's {@code Operand} for that method names it: the receiver or a parameter (a primitive or
 * nothing: null).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface OperandArgument {
}
