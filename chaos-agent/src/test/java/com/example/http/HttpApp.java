package com.example.http;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The application of the HTTP presets' tests, run in a forked JVM on one library's jars. It reads
 * commands on stdin ({@code ID COMMAND ARGS}) and answers each on stdout ({@code ID ok (Nms) VALUE}
 * or {@code ID err (Nms) TYPE: MESSAGE}), as {@code ShopApp} does: it serves HTTP with one server
 * library, or sends requests with one client library, and drives the agent over JMX as an operator
 * would.
 */
public final class HttpApp {

    private static final Counters counters = new Counters();

    private HttpApp() {
    }

    public static void main(String[] args) throws Exception {
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
                value = String.valueOf(run(words[1], words.length > 2 ? words[2] : ""));
            } catch (Throwable t) {
                status = "err";
                value = t.getClass().getName() + ": " + t.getMessage();
            }
            System.out.println(words[0] + " " + status + " (" + (System.nanoTime() - start) / 1_000_000 + "ms) " + value);
        }
    }

    private static Object run(String command, String argument) throws Exception {
        String[] words = argument.split(" ");
        return switch (command) {
            case "serve" -> switch (argument) {
                case "jdk" -> JdkServer.start(counters);
                case "tomcat" -> TomcatServer.start(counters);
                case "jetty" -> JettyServer.start(counters);
                default -> throw new IllegalArgumentException("no server " + argument);
            };
            case "handled" -> counters.handled.get();
            case "filtered" -> counters.filtered.get();
            case "failing" -> counters.failing = argument; // the JDK server's handler answers 500 under this path
            case "experiment" -> ManagementFactory.getPlatformMBeanServer().getAttribute(
                    new ObjectName("dev.chaosagent:type=ChaosAgent"), "Experiment");
            // send CLIENT METHOD URL [HEADER:VALUE]
            case "send" -> switch (words[0]) {
                case "jdk" -> JdkClient.send(words[1], words[2]);
                case "jdk-async" -> JdkClient.sendAsync(words[1], words[2]);
                case "okhttp" -> OkHttpClients.execute(words[1], words[2]);
                case "okhttp-async" -> OkHttpClients.enqueue(words[1], words[2]);
                case "apache" -> ApacheClient.execute(words[1], words[2]);
                default -> throw new IllegalArgumentException("no client " + words[0]);
            };
            case "addRule" -> agent("addRule", argument);
            case "removeRule" -> agent("removeRule", argument);
            case "calls" -> agent("calls", argument);
            case "injections" -> agent("injections", argument);
            case "describe" -> String.valueOf(agent("describe", null)).replace("\n", " | ");
            default -> throw new IllegalArgumentException("no command " + command);
        };
    }

    /** An operation of the agent's MXBean, as JConsole or jmxterm would call it (the redis fixture's too). */
    public static Object agent(String operation, String argument) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.chaosagent:type=ChaosAgent");
        return argument == null ? server.invoke(name, operation, new Object[0], new String[0])
                : server.invoke(name, operation, new Object[] {argument}, new String[] {String.class.getName()});
    }
}
