package com.example.matrix.asm;

import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PRIVATE;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ARETURN;
import static org.objectweb.asm.Opcodes.ATHROW;
import static org.objectweb.asm.Opcodes.BIPUSH;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.F_SAME;
import static org.objectweb.asm.Opcodes.F_SAME1;
import static org.objectweb.asm.Opcodes.GETSTATIC;
import static org.objectweb.asm.Opcodes.IADD;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.ICONST_1;
import static org.objectweb.asm.Opcodes.ICONST_2;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.IRETURN;
import static org.objectweb.asm.Opcodes.IXOR;
import static org.objectweb.asm.Opcodes.NEW;
import static org.objectweb.asm.Opcodes.POP;
import static org.objectweb.asm.Opcodes.PUTSTATIC;
import static org.objectweb.asm.Opcodes.V17;

import java.lang.invoke.MethodHandles;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Method shapes that javac never writes but other compilers, obfuscators and bytecode tools do, and
 * that a weaver must survive: written here with ASM, frames and maxima by hand (letting ASM compute
 * frames would replace the dead code), into class {@code com.example.matrix.asm.Shapes}:
 * <ul>
 * <li>{@code deadCode()}: unreachable code after a return;</li>
 * <li>{@code alwaysThrows()}: no return at all, it always throws {@code IllegalStateException("own")};</li>
 * <li>{@code returnInCatchAllRange()}: its return lies inside a catch-all try range whose handler
 * counts in {@code handled} and returns 2: an exception thrown at the return must not reach it;</li>
 * <li>{@code returnFromCatchAll()}: throws, and returns 2 from its catch-all handler (counting in {@code handled});</li>
 * <li>{@code unevenStack()}: returns 1 with two extra values under it on the operand stack, then 2
 * from an empty stack, by turns.</li>
 * </ul>
 * Each returns an {@code int}, so that a rule's {@code returns} fits them all.
 */
public final class HardShapes {

    private static final String OWNER = "com/example/matrix/asm/Shapes";

    private HardShapes() {
    }

    /** Defines the class in this package's loader, as an ordinary (retransformable) class. */
    public static void define() throws IllegalAccessException {
        MethodHandles.lookup().defineClass(bytes());
    }

    static byte[] bytes() {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, OWNER, null, "java/lang/Object", null);
        writer.visitField(ACC_PUBLIC | ACC_STATIC, "handled", "I", null, null).visitEnd();
        writer.visitField(ACC_PRIVATE | ACC_STATIC, "toggle", "I", null, null).visitEnd();
        deadCode(writer.visitMethod(ACC_PUBLIC | ACC_STATIC, "deadCode", "()I", null, null));
        alwaysThrows(writer.visitMethod(ACC_PUBLIC | ACC_STATIC, "alwaysThrows", "()I", null, null));
        returnInCatchAllRange(writer.visitMethod(ACC_PUBLIC | ACC_STATIC, "returnInCatchAllRange", "()I", null, null));
        returnFromCatchAll(writer.visitMethod(ACC_PUBLIC | ACC_STATIC, "returnFromCatchAll", "()I", null, null));
        unevenStack(writer.visitMethod(ACC_PUBLIC | ACC_STATIC, "unevenStack", "()I", null, null));
        counters(writer.visitMethod(ACC_PUBLIC | ACC_STATIC, "counters", "()Ljava/lang/String;", null, null));
        reset(writer.visitMethod(ACC_PUBLIC | ACC_STATIC, "reset", "()Ljava/lang/String;", null, null));
        writer.visitEnd();
        return writer.toByteArray();
    }

    private static void deadCode(MethodVisitor code) {
        code.visitCode();
        code.visitInsn(ICONST_1);
        code.visitInsn(IRETURN);
        code.visitFrame(F_SAME, 0, null, 0, null);
        code.visitInsn(ICONST_2);
        code.visitInsn(IRETURN);
        code.visitMaxs(1, 0);
        code.visitEnd();
    }

    private static void alwaysThrows(MethodVisitor code) {
        code.visitCode();
        code.visitTypeInsn(NEW, "java/lang/IllegalStateException");
        code.visitInsn(DUP);
        code.visitLdcInsn("own");
        code.visitMethodInsn(INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "(Ljava/lang/String;)V", false);
        code.visitInsn(ATHROW);
        code.visitMaxs(3, 0);
        code.visitEnd();
    }

    private static void returnInCatchAllRange(MethodVisitor code) {
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        code.visitCode();
        code.visitTryCatchBlock(start, end, handler, null);
        code.visitLabel(start);
        code.visitInsn(ICONST_1);
        code.visitInsn(IRETURN);
        code.visitLabel(end);
        code.visitLabel(handler);
        code.visitFrame(F_SAME1, 0, null, 1, new Object[] {"java/lang/Throwable"});
        countHandled(code);
        code.visitInsn(ICONST_2);
        code.visitInsn(IRETURN);
        code.visitMaxs(2, 0);
        code.visitEnd();
    }

    private static void returnFromCatchAll(MethodVisitor code) {
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        code.visitCode();
        code.visitTryCatchBlock(start, end, handler, null);
        code.visitLabel(start);
        code.visitTypeInsn(NEW, "java/lang/IllegalStateException");
        code.visitInsn(DUP);
        code.visitMethodInsn(INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "()V", false);
        code.visitInsn(ATHROW);
        code.visitLabel(end);
        code.visitLabel(handler);
        code.visitFrame(F_SAME1, 0, null, 1, new Object[] {"java/lang/Throwable"});
        countHandled(code);
        code.visitInsn(ICONST_2);
        code.visitInsn(IRETURN);
        code.visitMaxs(2, 0);
        code.visitEnd();
    }

    /** Pops the caught exception and adds one to {@code handled}. */
    private static void countHandled(MethodVisitor code) {
        code.visitInsn(POP);
        code.visitFieldInsn(GETSTATIC, OWNER, "handled", "I");
        code.visitInsn(ICONST_1);
        code.visitInsn(IADD);
        code.visitFieldInsn(PUTSTATIC, OWNER, "handled", "I");
    }

    private static void unevenStack(MethodVisitor code) {
        Label second = new Label();
        code.visitCode();
        code.visitFieldInsn(GETSTATIC, OWNER, "toggle", "I");
        code.visitInsn(ICONST_1);
        code.visitInsn(IXOR);
        code.visitInsn(DUP);
        code.visitFieldInsn(PUTSTATIC, OWNER, "toggle", "I");
        code.visitJumpInsn(IFEQ, second);
        code.visitIntInsn(BIPUSH, 7);
        code.visitIntInsn(BIPUSH, 7);
        code.visitInsn(ICONST_1);
        code.visitInsn(IRETURN);
        code.visitLabel(second);
        code.visitFrame(F_SAME, 0, null, 0, null);
        code.visitInsn(ICONST_2);
        code.visitInsn(IRETURN);
        code.visitMaxs(3, 0);
        code.visitEnd();
    }

    /** {@code "handled=" + handled}. */
    private static void counters(MethodVisitor code) {
        code.visitCode();
        code.visitLdcInsn("handled=");
        code.visitFieldInsn(GETSTATIC, OWNER, "handled", "I");
        code.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "toString", "(I)Ljava/lang/String;", false);
        code.visitMethodInsn(INVOKEVIRTUAL, "java/lang/String", "concat", "(Ljava/lang/String;)Ljava/lang/String;", false);
        code.visitInsn(ARETURN);
        code.visitMaxs(2, 0);
        code.visitEnd();
    }

    private static void reset(MethodVisitor code) {
        code.visitCode();
        code.visitInsn(ICONST_0);
        code.visitFieldInsn(PUTSTATIC, OWNER, "handled", "I");
        code.visitInsn(ICONST_0);
        code.visitFieldInsn(PUTSTATIC, OWNER, "toggle", "I");
        code.visitLdcInsn("reset");
        code.visitInsn(ARETURN);
        code.visitMaxs(1, 0);
        code.visitEnd();
    }
}
