package dev.chaosagent.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * An agent that does nothing, in a jar of its own: what {@code -javaagent} alone costs a JVM's
 * start-up, against which chaos-agent's own share of it can be read.
 */
public final class NoopAgent {

    private NoopAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        // nothing: the measure is the JVM's cost of having an agent at all
    }

    /** Writes the agent's jar (this class and a manifest naming it) into {@code dir}. */
    static Path writeJar(Path dir) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", NoopAgent.class.getName());
        Path jar = dir.resolve("noop-agent.jar");
        String entry = NoopAgent.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             InputStream in = NoopAgent.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
