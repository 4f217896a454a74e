package dev.chaosagent.instrument;

import dev.chaosagent.preset.Operand;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.NullConstant;
import net.bytebuddy.implementation.bytecode.member.MethodVariableAccess;

/**
 * Binds {@link OperandArgument} to what the woven method's {@link Operand} names: the receiver, or a
 * parameter of a reference type, loaded as it is (nothing copied, nothing boxed); all the parameters
 * (the receiver first, when asked) in a new array; null otherwise.
 */
final class OperandArguments implements Advice.OffsetMapping.Factory<OperandArgument> {

    /** The operand's index ({@link Operand#index}) for a woven method. */
    private final ToIntFunction<MethodDescription> operand;

    OperandArguments(ToIntFunction<MethodDescription> operand) {
        this.operand = operand;
    }

    @Override
    public Class<OperandArgument> getAnnotationType() {
        return OperandArgument.class;
    }

    @Override
    public Advice.OffsetMapping make(ParameterDescription.InDefinedShape target, AnnotationDescription.Loadable<OperandArgument> annotation,
                                     AdviceType adviceType) {
        return new Advice.OffsetMapping() {
            @Override
            public Target resolve(TypeDescription instrumentedType, MethodDescription method, Assigner assigner,
                                  Advice.ArgumentHandler argumentHandler, Sort sort) {
                int index = operand.applyAsInt(method);
                if (index == Operand.RECEIVER && !method.isStatic()) {
                    return new Target.ForStackManipulation(MethodVariableAccess.loadThis());
                }
                if (index == Operand.ARGUMENTS || index == Operand.RECEIVER_AND_ARGUMENTS) {
                    List<StackManipulation> values = new ArrayList<>();
                    if (index == Operand.RECEIVER_AND_ARGUMENTS) {
                        values.add(method.isStatic() ? NullConstant.INSTANCE : MethodVariableAccess.loadThis());
                    }
                    for (ParameterDescription parameter : method.getParameters()) {
                        values.add(new StackManipulation.Compound(
                                MethodVariableAccess.of(parameter.getType()).loadFrom(argumentHandler.argument(parameter.getOffset())),
                                assigner.assign(parameter.getType(), TypeDescription.Generic.OBJECT, Assigner.Typing.DYNAMIC)));
                    }
                    return new Target.ForArray.ReadOnly(TypeDescription.Generic.OBJECT, values);
                }
                if (index >= 0 && index < method.getParameters().size() && !method.getParameters().get(index).getType().isPrimitive()) {
                    ParameterDescription parameter = method.getParameters().get(index);
                    return new Target.ForStackManipulation(MethodVariableAccess.of(parameter.getType())
                            .loadFrom(argumentHandler.argument(parameter.getOffset())));
                }
                return new Target.ForStackManipulation(NullConstant.INSTANCE);
            }
        };
    }
}
