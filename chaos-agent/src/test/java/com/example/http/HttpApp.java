package com.example.http;

import dev.chaosagent.harness.AgentMBean;
import dev.chaosagent.harness.CommandLoop;
import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * The application of the HTTP presets' tests, run in a forked JVM on one library's jars and driven
 * by commands on stdin ({@link CommandLoop}), as {@code ShopApp} is: it serves HTTP with one server
 * library, or sends requests with one client library, and drives the agent over JMX as an operator
 * would.
 */
public final class HttpApp {

    private static final Counters counters = new Counters();

    private HttpApp() {
    }

    public static void main(String[] args) throws Exception {
        CommandLoop.serve(HttpApp::run);
        System.exit(0); // the servers' threads would keep the JVM alive
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
            default -> AgentMBean.command(command, argument);
        };
    }
}
