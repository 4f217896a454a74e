package com.example.capture;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.MessageDigest;
import java.security.ProtectionDomain;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A second agent for the tests: tells the bytecode a class has now, as every other transformer
 * (chaos-agent's included) left it. It registers a transformer last, retransforms the class, and
 * records what it is given.
 */
public final class CaptureAgent {

    private static volatile Instrumentation instrumentation;

    private CaptureAgent() {
    }

    public static void premain(String arguments, Instrumentation inst) {
        instrumentation = inst;
    }

    public static synchronized String hash(Class<?> type) throws Exception {
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
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seen.get())).substring(0, 16);
    }
}
