package dev.chaosagent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.chaosagent.agent.AgentRuntime;
import java.io.IOException;
import java.util.Locale;
import java.util.Properties;

/**
 * A JVM on this machine, reached with the JDK's attach API, which works across a container's
 * namespaces through /proc/PID/root. Only for loading the agent: the agent is then driven through
 * its {@link AgentDoor}, which costs the JVM no new agent, no warning and no signal per command.
 */
final class TargetJvm implements AutoCloseable {

    private final String pid;
    private final VirtualMachine vm;

    private TargetJvm(String pid, VirtualMachine vm) {
        this.pid = pid;
        this.vm = vm;
    }

    /** Attaches to a JVM verified as such: the attach API signals the process it is given. */
    static TargetJvm attach(JvmProcess jvm) throws CliException {
        String pid = jvm.pid();
        try {
            return new TargetJvm(pid, VirtualMachine.attach(pid));
        } catch (AttachNotSupportedException | IOException e) {
            throw unreachable(pid, e);
        }
    }

    private static CliException unreachable(String pid, Exception e) {
        String reason = String.valueOf(e.getMessage());
        String lower = reason.toLowerCase(Locale.ROOT);
        String hint;
        if (lower.contains("no such process")) {
            hint = "it has ended; list the JVMs with: java -jar chaos-agent.jar jvms";
        } else if (lower.contains("unable to open socket file") || lower.contains("not found")) {
            hint = "the JVM did not open its attach socket: it is still starting, runs with -XX:+DisableAttachMechanism,"
                    + " or cannot write to its /tmp";
        } else if (lower.contains("permission") || lower.contains("not secure") || lower.contains("uid")) {
            hint = "the JVM runs as another user: run this command as that user";
        } else {
            hint = "the target must be a running Java 17+ JVM of the same user on this machine";
        }
        return new CliException(CliException.UNREACHABLE, "cannot reach JVM " + pid + ": " + reason + " (" + hint + ")");
    }

    Properties systemProperties() throws CliException {
        try {
            return vm.getSystemProperties();
        } catch (IOException e) {
            throw unreachable(pid, e);
        }
    }

    /** The Java feature version the target runs, e.g. 17. */
    int javaVersion() throws CliException {
        String spec = systemProperties().getProperty("java.specification.version", "0");
        try {
            return spec.startsWith("1.") ? Integer.parseInt(spec.substring(2)) : Integer.parseInt(spec);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The version of chaos-agent running in the target, or null when there is none. */
    String agentVersion() throws CliException {
        return systemProperties().getProperty(AgentRuntime.VERSION_PROPERTY);
    }

    /** Loads the agent from a jar at this path in the JVM's own file system. */
    void loadAgent(String jar, String options) throws CliException {
        try {
            vm.loadAgent(jar, options);
        } catch (AgentLoadException e) {
            throw new CliException(CliException.UNREACHABLE, "JVM " + pid + " could not load the agent from " + jar
                    + ", a path in its own file system: " + e.getMessage());
        } catch (AgentInitializationException e) {
            throw new CliException(CliException.UNREACHABLE, "JVM " + pid + " could not start the agent from " + jar + ": "
                    + e.getMessage() + " (its stderr says why, in chaos-agent: lines)");
        } catch (IOException e) {
            throw unreachable(pid, e);
        }
    }

    @Override
    public void close() {
        try {
            vm.detach();
        } catch (IOException ignored) {
            // the target went away; nothing to release
        }
    }
}
