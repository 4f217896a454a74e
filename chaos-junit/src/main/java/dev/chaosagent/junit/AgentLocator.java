package dev.chaosagent.junit;

import dev.chaosagent.agent.AgentRuntime;
import dev.chaosagent.engine.ChaosEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Finds the agent's engine in this JVM, loading the agent first when it is not there. A JVM may not
 * attach to itself unless started with {@code -Djdk.attach.allowAttachSelf=true}, so a short-lived
 * helper JVM attaches to this one (it runs the agent jar's own CLI: {@code attach PID}).
 */
final class AgentLocator {

    private static final long ATTACH_TIMEOUT_SECONDS = 60;

    private AgentLocator() {
    }

    static synchronized ChaosEngine engine() {
        return runtime().engine();
    }

    /** The experiments of the agent in this JVM, loading it first when it is not there. */
    static synchronized dev.chaosagent.experiment.Experiments experiments() {
        return runtime().experiments();
    }

    private static AgentRuntime runtime() {
        AgentRuntime runtime = AgentRuntime.current();
        if (runtime == null) {
            attachToSelf();
            runtime = AgentRuntime.current();
            if (runtime == null) {
                throw new ExtensionConfigurationException("chaos-agent was attached to this JVM but did not start; its stderr says why");
            }
        }
        return runtime;
    }

    private static void attachToSelf() {
        Path jar = agentJar();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // The helper lives a fraction of a second: the quick compiler and the small collector start
        // it with a third less CPU, which the test JVM would otherwise wait for.
        List<String> command = List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-cp", jar.toString(), "dev.chaosagent.cli.ChaosCli", "attach", Long.toString(ProcessHandle.current().pid()));
        try {
            Path output = Files.createTempFile("chaos-junit-attach", ".log");
            try {
                Process helper = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
                if (!helper.waitFor(ATTACH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    helper.destroyForcibly();
                    throw new ExtensionConfigurationException("attaching chaos-agent to this JVM took over " + ATTACH_TIMEOUT_SECONDS
                            + " s; load it up front instead: -javaagent:" + jar);
                }
                if (helper.exitValue() != 0) {
                    throw new ExtensionConfigurationException("cannot attach chaos-agent to this JVM ("
                            + Files.readString(output, StandardCharsets.UTF_8).trim() + "); load it up front instead: -javaagent:" + jar);
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new ExtensionConfigurationException("cannot start a JVM to attach chaos-agent (" + e + "); load it up front instead: -javaagent:" + jar, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExtensionConfigurationException("interrupted while attaching chaos-agent", e);
        }
    }

    /** The agent jar this JVM loaded chaos-agent's classes from. */
    static Path agentJar() {
        Path location;
        try {
            location = Path.of(AgentRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new ExtensionConfigurationException("cannot tell where chaos-agent's classes come from (" + e + ")");
        }
        if (!Files.isRegularFile(location)) {
            throw new ExtensionConfigurationException("chaos-agent's classes come from " + location
                    + ", not from its jar; build it (mvn package) or load it with -javaagent:chaos-agent.jar");
        }
        return location;
    }
}
