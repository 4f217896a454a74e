package dev.chaosagent.instrument;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the advice parameter that receives a Kotlin suspend function's continuation, its last
 * parameter, as {@link #MAPPING} binds it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface Continuation {

    /** Loads the woven method's last parameter, which a suspend function's continuation always is. */
    net.bytebuddy.asm.Advice.OffsetMapping MAPPING = (instrumentedType, method, assigner, argumentHandler, sort) ->
            new net.bytebuddy.asm.Advice.OffsetMapping.Target.ForStackManipulation(
                    net.bytebuddy.implementation.bytecode.member.MethodVariableAccess.REFERENCE.loadFrom(
                            argumentHandler.argument(method.getParameters().get(method.getParameters().size() - 1).getOffset())));
}
