package dev.chaosagent.instrument;

import java.util.List;
import java.util.function.Function;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.implementation.bytecode.constant.LongConstant;
import net.bytebuddy.implementation.bytecode.constant.NullConstant;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.member.MethodVariableAccess;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Binds {@link Passed} parameters of {@link ScopedCallAdvice} to the woven method's own parameters:
 * a primitive is widened to a {@code long} (a {@code float} or {@code double} goes as the bits of
 * a {@code double}) and a reference goes as it is, so nothing is boxed or copied into an array.
 */
final class PassedArguments implements Advice.OffsetMapping.Factory<Passed> {

    /** Which parameters a method passes, by index, in the order of the {@link Passed} slots. */
    private final Function<MethodDescription, List<Integer>> passed;

    PassedArguments(Function<MethodDescription, List<Integer>> passed) {
        this.passed = passed;
    }

    @Override
    public Class<Passed> getAnnotationType() {
        return Passed.class;
    }

    @Override
    public Advice.OffsetMapping make(ParameterDescription.InDefinedShape target, AnnotationDescription.Loadable<Passed> annotation,
                                     AdviceType adviceType) {
        int slot = annotation.load().value();
        boolean asBits = target.getType().represents(long.class);
        return new Advice.OffsetMapping() {
            @Override
            public Target resolve(TypeDescription instrumentedType, MethodDescription method, Assigner assigner,
                                  Advice.ArgumentHandler argumentHandler, Sort sort) {
                List<Integer> indexes = passed.apply(method);
                if (slot >= indexes.size()) {
                    return new Target.ForStackManipulation(asBits ? LongConstant.ZERO : NullConstant.INSTANCE);
                }
                ParameterDescription parameter = method.getParameters().get(indexes.get(slot));
                return new Target.ForStackManipulation(load(parameter.getType(), argumentHandler.argument(parameter.getOffset()), asBits));
            }
        };
    }

    private static StackManipulation load(TypeDefinition type, int offset, boolean asBits) {
        StackManipulation value = MethodVariableAccess.of(type).loadFrom(offset);
        if (!type.isPrimitive()) {
            return asBits ? LongConstant.ZERO : value;
        }
        if (!asBits) {
            return NullConstant.INSTANCE;
        }
        if (type.represents(long.class)) {
            return value;
        }
        if (type.represents(double.class)) {
            return new StackManipulation.Compound(value, DOUBLE_BITS);
        }
        if (type.represents(float.class)) {
            return new StackManipulation.Compound(value, new Instruction(Opcodes.F2D, 1), DOUBLE_BITS);
        }
        return new StackManipulation.Compound(value, new Instruction(Opcodes.I2L, 1)); // int, short, byte, char, boolean
    }

    private static final StackManipulation DOUBLE_BITS = new StackManipulation.AbstractBase() {
        @Override
        public Size apply(MethodVisitor visitor, Implementation.Context context) {
            visitor.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
            return Size.ZERO;
        }
    };

    /** One instruction without operands that grows the stack by {@code growth} slots. */
    private static final class Instruction extends StackManipulation.AbstractBase {
        private final int opcode;
        private final int growth;

        Instruction(int opcode, int growth) {
            this.opcode = opcode;
            this.growth = growth;
        }

        @Override
        public Size apply(MethodVisitor visitor, Implementation.Context context) {
            visitor.visitInsn(opcode);
            return new Size(growth, growth);
        }
    }
}
