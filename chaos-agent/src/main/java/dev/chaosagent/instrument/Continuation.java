package dev.chaosagent.instrument;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.member.MethodVariableAccess;

/**
 * Marks the advice parameter that receives a Kotlin suspend function's continuation, its last
 * parameter, as {@link #MAPPING} binds it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface Continuation {

    /**
     * Loads the woven method's last parameter, which a suspend function's continuation always is.
     * Not a lambda: its bootstrap would spin method handles on the first weave.
     */
    Advice.OffsetMapping MAPPING = new Advice.OffsetMapping() {
        @Override
        public Target resolve(TypeDescription instrumentedType, MethodDescription method, Assigner assigner,
                              Advice.ArgumentHandler argumentHandler, Sort sort) {
            ParameterList<?> parameters = method.getParameters();
            return new Target.ForStackManipulation(
                    MethodVariableAccess.REFERENCE.loadFrom(argumentHandler.argument(parameters.get(parameters.size() - 1).getOffset())));
        }
    };
}
