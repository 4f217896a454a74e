package dev.chaosagent.instrument;

import static net.bytebuddy.jar.asm.Opcodes.ACC_STATIC;
import static net.bytebuddy.jar.asm.Opcodes.ARETURN;
import static net.bytebuddy.jar.asm.Opcodes.ASM9;
import static net.bytebuddy.jar.asm.Opcodes.BIPUSH;
import static net.bytebuddy.jar.asm.Opcodes.CHECKCAST;
import static net.bytebuddy.jar.asm.Opcodes.DUP;
import static net.bytebuddy.jar.asm.Opcodes.F_NEW;
import static net.bytebuddy.jar.asm.Opcodes.ICONST_0;
import static net.bytebuddy.jar.asm.Opcodes.IFNULL;
import static net.bytebuddy.jar.asm.Opcodes.INVOKESTATIC;
import static net.bytebuddy.jar.asm.Opcodes.INVOKEVIRTUAL;
import static net.bytebuddy.jar.asm.Opcodes.IRETURN;
import static net.bytebuddy.jar.asm.Opcodes.POP;
import static net.bytebuddy.jar.asm.Opcodes.RETURN;
import static net.bytebuddy.jar.asm.Opcodes.SIPUSH;

import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * The code woven into one targeted method: at entry, {@code ChaosDispatcher.enter(site)}, which may
 * delay, throw, or give a value to return at once; where a rule acts at exit, just before each
 * return, {@code ChaosDispatcher.exitX(value, site)}, which may delay, throw, or replace the value.
 *
 * <p>It adds no local variable and one stack map frame (after the entry check, where the frame is
 * the method's first one plus the dispatcher's result), so frames are never computed and no class
 * is ever loaded to weave a method. The exit call goes just before each return instruction, which
 * javac leaves outside the method's try ranges: a method does not catch what is injected at its exit.
 */
final class DispatchCode extends MethodVisitor {

    private static final String DISPATCHER = "dev/chaosagent/bootstrap/ChaosDispatcher";
    private static final String OBJECT = "java/lang/Object";

    private final String owner;
    private final int access;
    private final Type method;
    private final int site;
    private final boolean exit;
    private final boolean frames;

    /**
     * @param exit   whether to call the dispatcher at each return as well
     * @param frames whether the class file has stack map frames (version 50, Java 6, and later)
     */
    DispatchCode(MethodVisitor next, String owner, int access, Type method, int site, boolean exit, boolean frames) {
        super(ASM9, next);
        this.owner = owner;
        this.access = access;
        this.method = method;
        this.site = site;
        this.exit = exit;
        this.frames = frames;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        pushSite();
        super.visitMethodInsn(INVOKESTATIC, DISPATCHER, "enter", "(I)Ljava/lang/Object;", false);
        super.visitInsn(DUP);
        Label carryOn = new Label();
        super.visitJumpInsn(IFNULL, carryOn);
        returnEntryResult();
        super.visitLabel(carryOn);
        if (frames) {
            Object[] locals = firstFrameLocals();
            super.visitFrame(F_NEW, locals.length, locals, 1, new Object[] {OBJECT});
        }
        super.visitInsn(POP);
    }

    /** The dispatcher's result is on the stack: return it as the method's type. */
    private void returnEntryResult() {
        Type returned = method.getReturnType();
        switch (returned.getSort()) {
            case Type.VOID -> {
                super.visitInsn(POP);
                super.visitInsn(RETURN);
            }
            case Type.OBJECT, Type.ARRAY -> {
                super.visitMethodInsn(INVOKESTATIC, DISPATCHER, "value", "(Ljava/lang/Object;)Ljava/lang/Object;", false);
                castTo(returned);
                super.visitInsn(ARETURN);
            }
            default -> {
                String box = box(returned);
                super.visitTypeInsn(CHECKCAST, box);
                super.visitMethodInsn(INVOKEVIRTUAL, box, returned.getClassName() + "Value", "()" + returned.getDescriptor(), false);
                super.visitInsn(returned.getOpcode(IRETURN));
            }
        }
    }

    @Override
    public void visitInsn(int opcode) {
        if (exit && opcode >= IRETURN && opcode <= RETURN) {
            Type returned = method.getReturnType();
            pushSite();
            switch (returned.getSort()) {
                case Type.VOID -> super.visitMethodInsn(INVOKESTATIC, DISPATCHER, "exitVoid", "(I)V", false);
                case Type.OBJECT, Type.ARRAY -> {
                    super.visitMethodInsn(INVOKESTATIC, DISPATCHER, "exitObject", "(Ljava/lang/Object;I)Ljava/lang/Object;", false);
                    castTo(returned);
                }
                default -> {
                    String name = returned.getClassName();
                    String exitMethod = "exit" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
                    String descriptor = returned.getDescriptor();
                    super.visitMethodInsn(INVOKESTATIC, DISPATCHER, exitMethod, "(" + descriptor + "I)" + descriptor, false);
                }
            }
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        // Entry: the site, then the result twice. Exit: the site above the returned value.
        super.visitMaxs(maxStack + 2, maxLocals);
    }

    private void castTo(Type type) {
        if (!type.getInternalName().equals(OBJECT)) {
            super.visitTypeInsn(CHECKCAST, type.getInternalName());
        }
    }

    private void pushSite() {
        if (site <= 5) {
            super.visitInsn(ICONST_0 + site);
        } else if (site <= Byte.MAX_VALUE) {
            super.visitIntInsn(BIPUSH, site);
        } else if (site <= Short.MAX_VALUE) {
            super.visitIntInsn(SIPUSH, site);
        } else {
            super.visitLdcInsn(site);
        }
    }

    /** The locals at the method's start: {@code this} (unless static), then the parameters. */
    private Object[] firstFrameLocals() {
        Type[] parameters = method.getArgumentTypes();
        boolean instance = (access & ACC_STATIC) == 0;
        Object[] locals = new Object[parameters.length + (instance ? 1 : 0)];
        int index = 0;
        if (instance) {
            locals[index++] = owner;
        }
        for (Type parameter : parameters) {
            locals[index++] = switch (parameter.getSort()) {
                case Type.BOOLEAN, Type.CHAR, Type.BYTE, Type.SHORT, Type.INT -> Opcodes.INTEGER;
                case Type.FLOAT -> Opcodes.FLOAT;
                case Type.LONG -> Opcodes.LONG;
                case Type.DOUBLE -> Opcodes.DOUBLE;
                default -> parameter.getInternalName();
            };
        }
        return locals;
    }

    /** The wrapper class of a primitive type, by internal name. */
    private static String box(Type primitive) {
        return switch (primitive.getSort()) {
            case Type.BOOLEAN -> "java/lang/Boolean";
            case Type.CHAR -> "java/lang/Character";
            case Type.BYTE -> "java/lang/Byte";
            case Type.SHORT -> "java/lang/Short";
            case Type.INT -> "java/lang/Integer";
            case Type.FLOAT -> "java/lang/Float";
            case Type.LONG -> "java/lang/Long";
            case Type.DOUBLE -> "java/lang/Double";
            default -> throw new IllegalArgumentException("not a primitive: " + primitive);
        };
    }
}
