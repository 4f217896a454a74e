package com.example.grpc;

import dev.chaosagent.harness.AgentMBean;
import dev.chaosagent.harness.CommandLoop;
import java.util.concurrent.ExecutionException;

/**
 * The application of the gRPC presets' tests, run in a forked JVM on one grpc-java version's jars.
 * It answers commands as {@link CommandLoop} says: it serves the shop's services on 127.0.0.1, calls
 * them with a blocking, future or async stub, counts what the server's interceptor and handlers see,
 * and drives the agent over JMX.
 */
public final class GrpcApp {

    private static ShopServer server;
    private static ShopClient client;

    private GrpcApp() {
    }

    public static void main(String[] args) throws Exception {
        CommandLoop.serve(GrpcApp::run);
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
            case "call" -> {
                try {
                    yield client.call(words[0], words[1], words[2], words.length > 3 ? Long.parseLong(words[3]) : 20_000);
                } catch (ExecutionException failed) {
                    throw (Exception) failed.getCause(); // what a future or an observer got, as a blocking stub throws it
                }
            }
            case "cause" -> client.lastFailure().getCause();
            case "handled" -> server.handled();
            case "intercepted" -> server.intercepted();
            case "clientIntercepted" -> client.intercepted();
            default -> AgentMBean.command(command, argument);
        };
    }
}
