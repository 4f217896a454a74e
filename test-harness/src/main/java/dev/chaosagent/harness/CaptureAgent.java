package dev.chaosagent.harness;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

/**
 * A second agent in a forked JVM ({@link ForkedJvm.Launch#capture()}): tells what bytecode a class
 * has now, as every transformer (chaos-agent's included) left it, by registering a transformer last
 * and retransforming the class. The application under test calls {@link #shape} by reflection.
 *
 * <p>The shape is a digest of the class written out instruction by instruction, with constants and
 * members by name: two shapes are equal exactly when the code is, although the JVM renumbers (and
 * keeps stale entries in) the constant pool of a class it redefined. Members are sorted, as the JVM
 * need not keep their order.
 */
public final class CaptureAgent {

    private static volatile Instrumentation instrumentation;

    private CaptureAgent() {
    }

    public static void premain(String arguments, Instrumentation inst) {
        instrumentation = inst;
    }

    public static synchronized String shape(Class<?> type) throws Exception {
        AtomicReference<byte[]> seen = new AtomicReference<>();
        ClassFileTransformer capture = new ClassFileTransformer() {
            @Override
            public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
                if (redefined == type) {
                    seen.set(bytes.clone());
                }
                return null;
            }
        };
        instrumentation.addTransformer(capture, true);
        try {
            instrumentation.retransformClasses(type);
        } finally {
            instrumentation.removeTransformer(capture);
        }
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text(seen.get()).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    /** Every field and every method's instructions, try blocks, frames and maxima, as text. */
    static String text(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, 0);
        List<String> members = new ArrayList<>();
        for (FieldNode field : node.fields) {
            members.add("field " + field.access + " " + field.name + " " + field.desc);
        }
        for (MethodNode method : node.methods) {
            Textifier textifier = new Textifier();
            method.accept(new TraceMethodVisitor(textifier));
            StringWriter code = new StringWriter();
            textifier.print(new PrintWriter(code));
            members.add("method " + method.access + " " + method.name + method.desc + "\n" + code);
        }
        members.sort(null);
        return node.version + " " + node.access + " " + node.name + " " + node.superName + " " + node.interfaces + "\n"
                + String.join("\n", members);
    }
}
