package com.example.capture;

import java.io.DataInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A second agent for the tests: tells what bytecode a class has now, as every other transformer
 * (chaos-agent's included) left it. It registers a transformer last, retransforms the class, and
 * reads what it is given.
 *
 * <p>The answer is the class's shape: each method's name, descriptor and code size, sorted. Raw
 * bytes would not do: after a class was redefined, the JVM keeps the old constant pool's entries
 * beside the new ones (Java 25 shows them), so an equal class can come back as different bytes.
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
        return describe(seen.get());
    }

    /** The sorted method summaries, e.g. {@code count()I:5}. */
    static String describe(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        in.readInt();
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++;
                }
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                default -> throw new IOException("unknown constant tag " + tag);
            }
        }
        in.skipBytes(6);
        in.skipBytes(2 * in.readUnsignedShort());
        skipMembers(in);
        List<String> methods = new ArrayList<>();
        int methodCount = in.readUnsignedShort();
        for (int m = 0; m < methodCount; m++) {
            in.skipBytes(2);
            String name = utf8[in.readUnsignedShort()];
            String descriptor = utf8[in.readUnsignedShort()];
            int codeLength = -1;
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                String attribute = utf8[in.readUnsignedShort()];
                int length = in.readInt();
                if (attribute.equals("Code")) {
                    in.skipBytes(4);
                    codeLength = in.readInt();
                    in.skipBytes(length - 8);
                } else {
                    in.skipBytes(length);
                }
            }
            methods.add(name + descriptor + ":" + codeLength);
        }
        methods.sort(null);
        return String.join(",", methods);
    }

    private static void skipMembers(DataInputStream in) throws IOException {
        int members = in.readUnsignedShort();
        for (int f = 0; f < members; f++) {
            in.skipBytes(6);
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                in.skipBytes(2);
                in.skipBytes(in.readInt());
            }
        }
    }
}
