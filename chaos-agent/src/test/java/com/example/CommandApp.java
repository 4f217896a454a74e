package com.example;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The command protocol of the presets' forked test applications: commands on stdin
 * ({@code ID COMMAND ARGS}), each answered on stdout ({@code ID ok (Nms) VALUE} or
 * {@code ID err (Nms) FAILURE}) once it has run, until {@code exit}; and the agent's MXBean, driven
 * as an operator would drive it.
 */
public final class CommandApp {

    /** What the application does for one command: its value, or what it throws. */
    public interface Commands {
        Object run(String command, String argument) throws Exception;
    }

    private CommandApp() {
    }

    /** Prints {@code ready}, then runs each command read, writing a failure as {@code failure} says. */
    public static void serve(Commands commands, Function<Throwable, String> failure) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split(" ", 3);
            if (words.length < 2) {
                continue;
            }
            if (words[1].equals("exit")) {
                System.out.println(words[0] + " ok (0ms) bye");
                System.exit(0);
            }
            long start = System.nanoTime();
            String status = "ok";
            String value;
            try {
                value = String.valueOf(commands.run(words[1], words.length > 2 ? words[2] : ""));
            } catch (Throwable t) {
                status = "err";
                value = failure.apply(t);
            }
            System.out.println(words[0] + " " + status + " (" + (System.nanoTime() - start) / 1_000_000 + "ms) " + value);
        }
    }

    /** An operation of the agent's MXBean, as JConsole or jmxterm would call it; {@code argument} null for none. */
    public static Object agent(String operation, String argument) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.chaosagent:type=ChaosAgent");
        return argument == null ? server.invoke(name, operation, new Object[0], new String[0])
                : server.invoke(name, operation, new Object[] {argument}, new String[] {String.class.getName()});
    }
}
