package com.example.matrix.host;

import com.example.matrix.asm.HardShapes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The application of the compiler matrix: one JVM per compiler, started with chaos-agent, that runs
 * many scenarios. It reads commands on stdin ({@code ID COMMAND ARGS}) and answers each on one line,
 * {@code ID ok VALUE} or {@code ID err TYPE: MESSAGE}:
 * <ul>
 * <li>{@code add SPEC}, {@code stop}, {@code calls NAME}, {@code injections NAME}: the agent's MXBean,
 * called in process as any JMX client would;</li>
 * <li>{@code run CLASS#METHOD N}: calls a public static no-argument driver method N times and answers
 * each outcome, {@code =VALUE} or {@code !TYPE: MESSAGE}, joined by {@code |};</li>
 * <li>{@code timed CLASS#METHOD}: one call, answered as {@code MILLIS OUTCOME};</li>
 * <li>{@code shape CLASS}: a digest of the class's bytecode as the JVM has it now, from the tests' capture agent.</li>
 * </ul>
 * It never dies of an exception: the tests see what a caller would.
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
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!server.isRegistered(agent)) {
            System.err.println("no agent MXBean");
            return;
        }
        System.out.println("ready");
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split(" ", 3);
            if (words.length < 2) {
                continue;
            }
            if (words[1].equals("exit")) {
                return;
            }
            String argument = words.length > 2 ? words[2] : "";
            String answer;
            try {
                answer = "ok " + command(server, agent, words[1], argument);
            } catch (Throwable t) {
                Throwable cause = t instanceof javax.management.MBeanException || t instanceof javax.management.RuntimeMBeanException
                        ? t.getCause() : t;
                answer = "err " + cause.getClass().getName() + ": " + cause.getMessage();
            }
            System.out.println(words[0] + " " + answer.replace('\n', ' '));
        }
    }

    private static Object command(MBeanServer server, ObjectName agent, String command, String argument) throws Exception {
        return switch (command) {
            case "add" -> server.invoke(agent, "addRule", new Object[] {argument}, new String[] {String.class.getName()});
            case "stop" -> server.invoke(agent, "stopAll", new Object[0], new String[0]);
            case "calls", "injections" -> server.invoke(agent, command, new Object[] {argument}, new String[] {String.class.getName()});
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
