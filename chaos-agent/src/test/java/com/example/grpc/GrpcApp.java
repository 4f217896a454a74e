package com.example.grpc;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The application of the gRPC presets' tests, run in a forked JVM on one grpc-java version's jars.
 * It reads commands on stdin ({@code ID COMMAND ARGS}) and answers each on stdout
 * ({@code ID ok (Nms) VALUE} or {@code ID err (Nms) TYPE: MESSAGE}), as {@code HttpApp} does: it
 * serves the shop's services on 127.0.0.1, calls them with a blocking, future or async stub, counts
 * what the server's interceptor and handlers see, and drives the agent over JMX.
 */
public final class GrpcApp {

    private static ShopServer server;
    private static ShopClient client;

    private GrpcApp() {
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
                value = describe(t instanceof ExecutionException ? t.getCause() : t);
            }
            System.out.println(words[0] + " " + status + " (" + (System.nanoTime() - start) / 1_000_000 + "ms) " + value);
        }
    }

    private static Object run(String command, String argument) throws Exception {
        String[] words = argument.split(" ");
        return switch (command) {
            case "serve" -> {
                server = ShopServer.start();
                client = new ShopClient(server.port());
                yield server.port();
            }
            // call STUB SERVICE/METHOD REQUEST [DEADLINE_MS], e.g. call async shop.Catalog/GetAlbum 7
            case "call" -> client.call(words[0], words[1], words[2], words.length > 3 ? Long.parseLong(words[3]) : 20_000);
            case "handled" -> server.handled();
            case "intercepted" -> server.intercepted();
            case "clientIntercepted" -> client.intercepted();
            case "addRule" -> agent("addRule", argument);
            case "removeRule" -> agent("removeRule", argument);
            case "calls" -> agent("calls", argument);
            case "injections" -> agent("injections", argument);
            case "describe" -> String.valueOf(agent("describe", null)).replace("\n", " | ");
            default -> throw new IllegalArgumentException("no command " + command);
        };
    }

    /** The failure as a test reads it: its type and message, and its cause's when it has one. */
    private static String describe(Throwable failure) {
        String text = failure.getClass().getName() + ": " + failure.getMessage();
        return failure.getCause() == null ? text : text + " (cause " + failure.getCause() + ")";
    }

    /** An operation of the agent's MXBean, as JConsole or jmxterm would call it. */
    private static Object agent(String operation, String argument) throws Exception {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.chaosagent:type=ChaosAgent");
        return argument == null ? mbeans.invoke(name, operation, new Object[0], new String[0])
                : mbeans.invoke(name, operation, new Object[] {argument}, new String[] {String.class.getName()});
    }
}
