package dev.chaosagent.agent;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Where the agent's classes come from. If an application's uber-jar bundles chaos-agent (say,
 * chaos-junit leaked into a production build), the JVM may load the agent's classes from that jar,
 * with whatever versions of its dependencies the application brought: the agent refuses to run so.
 */
final class AgentJar {

    private AgentJar() {
    }

    /** The location of the agent's classes when it is a jar other than chaos-agent's own, else null. */
    static String strayLocation() {
        // The class loader has read the manifest of the jar these classes come from: its title is
        // chaos-agent's in the common case, and then no jar has to be opened again.
        if ("chaos-agent".equals(ChaosAgent.class.getPackage().getImplementationTitle())) {
            return null;
        }
        CodeSource source = ChaosAgent.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        Path location;
        try {
            location = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
        if (!Files.isRegularFile(location)) {
            return null; // a classes directory: a developer's build
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            Manifest manifest = jar.getManifest();
            String agentClass = manifest == null ? null : manifest.getMainAttributes().getValue("Agent-Class");
            return ChaosAgent.class.getName().equals(agentClass) ? null : location.toString();
        } catch (IOException e) {
            return null;
        }
    }
}
