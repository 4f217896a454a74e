package dev.chaosagent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.chaosagent.agent.AgentRuntime;
import dev.chaosagent.jmx.ChaosAgentMXBean;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A running JVM on this machine, reached with the JDK's attach API; the agent in it is driven
 * through its MXBean over the JVM's local JMX connector, so the target needs no JMX port.
 */
final class TargetJvm implements AutoCloseable {

    private static final Duration AGENT_WAIT = Duration.ofSeconds(10);

    private final String pid;
    private final VirtualMachine vm;
    private JMXConnector connector;

    private TargetJvm(String pid, VirtualMachine vm) {
        this.pid = pid;
        this.vm = vm;
    }

    static TargetJvm attach(String pid) throws CliException {
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
        if (lower.contains("no such process") || lower.contains("non existent") || lower.contains("not found") || lower.contains("unable to open socket file")) {
            hint = "is it still running? list the JVMs with: java -jar chaos-agent.jar jvms";
        } else if (lower.contains("permission") || lower.contains("not secure") || lower.contains("uid")) {
            hint = "the target runs as another user: run this command as that user";
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

    void loadAgent(String jar, String options) throws CliException {
        try {
            vm.loadAgent(jar, options);
        } catch (AgentLoadException | AgentInitializationException e) {
            throw new CliException(CliException.UNREACHABLE, "JVM " + pid + " could not load the agent: " + e.getMessage()
                    + " (its stderr says why, in chaos-agent: lines)");
        } catch (IOException e) {
            throw unreachable(pid, e);
        }
    }

    /** The agent's MXBean in the target; waits a little for it, as the agent registers it in the background. */
    ChaosAgentMXBean agent() throws CliException {
        try {
            if (connector == null) {
                connector = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
            }
            MBeanServerConnection connection = connector.getMBeanServerConnection();
            ObjectName name = new ObjectName(ChaosAgentMXBean.OBJECT_NAME);
            long deadline = System.nanoTime() + AGENT_WAIT.toNanos();
            while (!connection.isRegistered(name)) {
                if (agentVersion() == null || System.nanoTime() > deadline) {
                    throw new CliException(CliException.UNREACHABLE, "JVM " + pid + " has no chaos-agent (load it with:"
                            + " java -jar chaos-agent.jar attach " + pid + ")");
                }
                Thread.sleep(50);
            }
            return JMX.newMXBeanProxy(connection, name, ChaosAgentMXBean.class);
        } catch (IOException e) {
            throw unreachable(pid, e);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(CliException.UNREACHABLE, "interrupted while waiting for the agent in JVM " + pid);
        }
    }

    @Override
    public void close() {
        try {
            if (connector != null) {
                connector.close();
            }
            vm.detach();
        } catch (IOException ignored) {
            // the target went away; nothing to release
        }
    }
}
