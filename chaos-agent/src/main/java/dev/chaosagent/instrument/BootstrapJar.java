package dev.chaosagent.instrument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the dispatcher on the bootstrap class path, where advice inlined into JDK classes can see
 * it: its classes are copied from the agent jar into a small jar of their own and appended. This
 * must run before anything touches those classes, so that no other loader defines them first.
 */
final class BootstrapJar {

    static final String[] CLASSES = {"dev/chaosagent/bootstrap/ChaosHandler.class", "dev/chaosagent/bootstrap/ChaosDispatcher.class"};
    private static final String DISPATCHER = "dev.chaosagent.bootstrap.ChaosDispatcher";

    private BootstrapJar() {
    }

    static void install(Instrumentation instrumentation) throws IOException {
        if (isOnBootstrapPath()) {
            return;
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar().toFile()));
        try {
            Class.forName(DISPATCHER, true, null);
        } catch (ClassNotFoundException e) {
            throw new IOException("the dispatcher did not load from the bootstrap class path", e);
        }
    }

    /**
     * The small jar, named by a hash of its content so that every JVM on the machine shares one file
     * and a JVM that is killed leaves nothing new behind; written once, atomically.
     */
    private static Path jar() throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(content)) {
            for (String name : CLASSES) {
                try (InputStream in = BootstrapJar.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("the agent jar lacks " + name);
                    }
                    JarEntry entry = new JarEntry(name);
                    entry.setTime(0);
                    out.putNextEntry(entry);
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        byte[] bytes = content.toByteArray();
        Path jar = Path.of(System.getProperty("java.io.tmpdir"), "chaos-agent-bootstrap-" + hash(bytes) + ".jar");
        if (Files.isReadable(jar) && Arrays.equals(Files.readAllBytes(jar), bytes)) {
            return jar;
        }
        Path partial = Files.createTempFile(jar.getParent(), "chaos-agent-bootstrap", ".partial");
        try {
            Files.write(partial, bytes);
            Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return jar;
        } catch (IOException e) {
            // Another user's file of that name, say: use this JVM's own copy.
            partial.toFile().deleteOnExit();
            return partial;
        }
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True after an earlier attach in this JVM put it there. */
    private static boolean isOnBootstrapPath() {
        try {
            Class.forName(DISPATCHER, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
