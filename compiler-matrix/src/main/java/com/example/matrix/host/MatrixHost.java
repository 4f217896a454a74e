package com.example.matrix.host;

import com.example.matrix.asm.HardShapes;
import dev.chaosagent.harness.CommandLoop;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.StringJoiner;
import javax.management.MBeanException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;

/**
 * The application of the compiler matrix: one JVM per compiler, started with chaos-agent, that runs
 * many scenarios, driven by commands on stdin ({@link CommandLoop}):
 * <ul>
 * <li>{@code add SPEC}, {@code stop}, {@code calls NAME}, {@code injections NAME}: the agent's MXBean,
 * called in process as any JMX client would;</li>
 * <li>{@code run CLASS#METHOD N}: calls a public static no-argument driver method N times and answers
 * each outcome, {@code =VALUE} or {@code !TYPE: MESSAGE}, joined by {@code |};</li>
 * <li>{@code timed CLASS#METHOD}: one call, answered as {@code MILLIS OUTCOME};</li>
 * <li>{@code shape CLASS}: a digest of the class's bytecode as the JVM has it now, from the tests' capture agent.</li>
 * </ul>
 */
public final class MatrixHost {

    private static final String AGENT = "dev.chaosagent:type=ChaosAgent";

    private MatrixHost() {
    }

    public static void main(String[] args) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName agent = new ObjectName(AGENT);
        // The agent registers its MXBean in the background after start-up.
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!server.isRegistered(agent) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        HardShapes.define();
        if (!server.isRegistered(agent)) {
            System.err.println("no agent MXBean");
            return;
        }
        CommandLoop.serve((command, argument) -> command(server, agent, command, argument));
    }

    private static Object command(MBeanServer server, ObjectName agent, String command, String argument) throws Exception {
        return switch (command) {
            case "add" -> invoke(server, agent, "addRule", argument);
            case "stop" -> invoke(server, agent, "stopAll", null);
            case "calls", "injections" -> invoke(server, agent, command, argument);
            case "run" -> {
                String[] parts = argument.split(" ");
                Method driver = driver(parts[0]);
                StringJoiner outcomes = new StringJoiner("|");
                for (int i = Integer.parseInt(parts[1]); i > 0; i--) {
                    outcomes.add(outcome(driver));
                }
                yield outcomes;
            }
            case "timed" -> {
                Method driver = driver(argument);
                long start = System.nanoTime();
                String outcome = outcome(driver);
                yield (System.nanoTime() - start) / 1_000_000 + " " + outcome;
            }
            case "shape" -> Class.forName("dev.chaosagent.harness.CaptureAgent").getMethod("shape", Class.class)
                    .invoke(null, Class.forName(argument));
            default -> throw new IllegalArgumentException("unknown command " + command);
        };
    }

    /** An operation of the agent's MXBean with one string argument, or none; what it threw, as a JMX client sees it unwrapped. */
    private static Object invoke(MBeanServer server, ObjectName agent, String operation, String argument) throws Exception {
        try {
            return argument == null ? server.invoke(agent, operation, new Object[0], new String[0])
                    : server.invoke(agent, operation, new Object[] {argument}, new String[] {String.class.getName()});
        } catch (MBeanException | RuntimeMBeanException e) {
            throw (Exception) e.getCause();
        }
    }

    private static Method driver(String target) throws ReflectiveOperationException {
        int hash = target.indexOf('#');
        return Class.forName(target.substring(0, hash)).getMethod(target.substring(hash + 1));
    }

    private static String outcome(Method driver) throws IllegalAccessException {
        try {
            return "=" + driver.invoke(null);
        } catch (InvocationTargetException e) {
            Throwable thrown = e.getCause();
            return "!" + thrown.getClass().getName() + ": " + thrown.getMessage();
        }
    }
}
