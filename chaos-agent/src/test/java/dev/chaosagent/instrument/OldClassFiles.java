package dev.chaosagent.instrument;

import static net.bytebuddy.jar.asm.Opcodes.ACC_PUBLIC;
import static net.bytebuddy.jar.asm.Opcodes.ACC_STATIC;
import static net.bytebuddy.jar.asm.Opcodes.ALOAD;
import static net.bytebuddy.jar.asm.Opcodes.ASTORE;
import static net.bytebuddy.jar.asm.Opcodes.ILOAD;
import static net.bytebuddy.jar.asm.Opcodes.INVOKESPECIAL;
import static net.bytebuddy.jar.asm.Opcodes.IRETURN;
import static net.bytebuddy.jar.asm.Opcodes.JSR;
import static net.bytebuddy.jar.asm.Opcodes.RET;
import static net.bytebuddy.jar.asm.Opcodes.RETURN;
import static net.bytebuddy.jar.asm.Opcodes.V1_4;

import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;

/** Class files as javac wrote them before Java 6: no stack map frames, finally blocks as JSR/RET subroutines. */
final class OldClassFiles {

    private OldClassFiles() {
    }

    /** {@code static int plusOne(int x)}: a subroutine (what javac 1.4 made of a finally) adds one to x, then x is returned. */
    static byte[] withJsrAndRet(String className) {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(V1_4, ACC_PUBLIC, className.replace('.', '/'), null, "java/lang/Object", null);
        MethodVisitor init = writer.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(1, 1);
        init.visitEnd();
        MethodVisitor method = writer.visitMethod(ACC_PUBLIC | ACC_STATIC, "plusOne", "(I)I", null, null);
        method.visitCode();
        Label subroutine = new Label();
        method.visitJumpInsn(JSR, subroutine);
        method.visitVarInsn(ILOAD, 0);
        method.visitInsn(IRETURN);
        method.visitLabel(subroutine);
        method.visitVarInsn(ASTORE, 1);
        method.visitIincInsn(0, 1);
        method.visitVarInsn(RET, 1);
        method.visitMaxs(1, 2);
        method.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }
}
