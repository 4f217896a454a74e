package dev.chaosagent.instrument;

import static net.bytebuddy.jar.asm.Opcodes.ACC_ABSTRACT;
import static net.bytebuddy.jar.asm.Opcodes.ACC_NATIVE;
import static net.bytebuddy.jar.asm.Opcodes.ASM9;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.engine.MethodSite;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Weaves {@link DispatchCode} into the methods of one class that the targets name, registering each
 * with the engine as a site. Every other method is copied byte for byte, and nothing is added to
 * the class but code in those methods: the class format does not change, so a loaded class can be
 * retransformed, and retransformed back.
 */
final class ClassWeaver extends ClassVisitor {

    private final String className;
    private final Set<String> supertypes;
    private final Targets targets;
    private final ChaosEngine engine;
    private String owner;
    private boolean frames;
    private boolean woven;

    private ClassWeaver(ClassVisitor next, String className, Set<String> supertypes, Targets targets, ChaosEngine engine) {
        super(ASM9, next);
        this.className = className;
        this.supertypes = supertypes;
        this.targets = targets;
        this.engine = engine;
    }

    /** The woven class file, or null when no method of the class is targeted. */
    static byte[] weave(byte[] classFile, String className, Set<String> supertypes, Targets targets, ChaosEngine engine) {
        ClassReader reader = new ClassReader(classFile);
        // Given the reader, the writer copies the methods left alone instead of rebuilding them.
        ClassWriter writer = new ClassWriter(reader, 0);
        ClassWeaver weaver = new ClassWeaver(writer, className, supertypes, targets, engine);
        reader.accept(weaver, ClassReader.EXPAND_FRAMES);
        return weaver.woven ? writer.toByteArray() : null;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        owner = name;
        frames = (version & 0xFFFF) >= Opcodes.V1_6;
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
        // Constructors and initialisers are not targets: a rule names methods.
        if ((access & (ACC_ABSTRACT | ACC_NATIVE)) != 0 || name.startsWith("<")) {
            return next;
        }
        Type method = Type.getMethodType(descriptor);
        List<String> parameters = new ArrayList<>();
        for (Type parameter : method.getArgumentTypes()) {
            parameters.add(parameter.getClassName());
        }
        if (!targets.matchesMethod(className, supertypes, name, parameters)) {
            return next;
        }
        Type returned = method.getReturnType();
        boolean exit = targets.needsExit(className, supertypes, name, parameters);
        int site = engine.registerSite(new MethodSite(className, name, parameters, returned.getClassName(),
                exceptionNames(exceptions), supertypes, TypeNames.isJdk(className)));
        woven = true;
        return new DispatchCode(next, owner, access, method, site, exit, frames);
    }

    private static List<String> exceptionNames(String[] exceptions) {
        List<String> names = new ArrayList<>();
        if (exceptions != null) {
            for (String exception : exceptions) {
                names.add(exception.replace('/', '.'));
            }
        }
        return names;
    }
}
