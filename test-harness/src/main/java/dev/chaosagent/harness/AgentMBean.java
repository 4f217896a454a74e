package dev.chaosagent.harness;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * The agent's MXBean as a forked application calls it from inside, the way JConsole or jmxterm would
 * call it from outside: by its name and operations, with no compile-time tie to the agent.
 */
public final class AgentMBean {

    private static final String NAME = "dev.chaosagent:type=ChaosAgent";

    private AgentMBean() {
    }

    /** Invokes {@code operation} with one string argument, or with none when {@code argument} is null. */
    public static Object invoke(String operation, String argument) throws Exception {
        ObjectName name = new ObjectName(NAME);
        return argument == null
                ? ManagementFactory.getPlatformMBeanServer().invoke(name, operation, new Object[0], new String[0])
                : ManagementFactory.getPlatformMBeanServer().invoke(name, operation, new Object[] {argument},
                        new String[] {String.class.getName()});
    }

    /**
     * The agent's commands a forked application serves beside its own ({@code addRule}, {@code removeRule},
     * {@code calls}, {@code injections} with one argument; {@code describe} on one line); an unknown
     * command is refused.
     */
    public static Object command(String command, String argument) throws Exception {
        return switch (command) {
            case "addRule", "removeRule", "calls", "injections" -> invoke(command, argument);
            case "describe" -> String.valueOf(invoke("describe", null)).replace("\n", " | ");
            default -> throw new IllegalArgumentException("no command " + command);
        };
    }
}
