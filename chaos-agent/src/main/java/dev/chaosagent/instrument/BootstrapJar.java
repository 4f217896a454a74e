package dev.chaosagent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Path jar = Files.createTempFile("chaos-agent-bootstrap", ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String name : CLASSES) {
                try (InputStream in = BootstrapJar.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("the agent jar lacks " + name);
                    }
                    out.putNextEntry(new JarEntry(name));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
        try {
            Class.forName(DISPATCHER, true, null);
        } catch (ClassNotFoundException e) {
            throw new IOException("the dispatcher did not load from the bootstrap class path", e);
        }
        jar.toFile().deleteOnExit();
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
