package com.example.grpc;

import com.example.CommandApp;
import java.util.concurrent.ExecutionException;

/**
 * The application of the gRPC presets' tests, run in a forked JVM on one grpc-java version's jars.
 * It answers commands as {@link CommandApp} says: it serves the shop's services on 127.0.0.1, calls
 * them with a blocking, future or async stub, counts what the server's interceptor and handlers see,
 * and drives the agent over JMX.
 */
public final class GrpcApp {

    private static ShopServer server;
    private static ShopClient client;

    private GrpcApp() {
    }

    public static void main(String[] args) throws Exception {
        CommandApp.serve(GrpcApp::run, GrpcApp::describe);
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
            case "addRule" -> CommandApp.agent("addRule", argument);
            case "removeRule" -> CommandApp.agent("removeRule", argument);
            case "calls" -> CommandApp.agent("calls", argument);
            case "injections" -> CommandApp.agent("injections", argument);
            case "describe" -> String.valueOf(CommandApp.agent("describe", null)).replace("\n", " | ");
            default -> throw new IllegalArgumentException("no command " + command);
        };
    }

    /** The failure as a test reads it: its type and message, and its cause's when it has one (a future's, unwrapped). */
    private static String describe(Throwable thrown) {
        Throwable failure = thrown instanceof ExecutionException ? thrown.getCause() : thrown;
        String text = failure.getClass().getName() + ": " + failure.getMessage();
        return failure.getCause() == null ? text : text + " (cause " + failure.getCause() + ")";
    }
}
