package com.example.redis;

import dev.chaosagent.harness.AgentMBean;
import dev.chaosagent.harness.CommandLoop;

/**
 * The application of the redis preset's tests, run in a forked JVM on one client's jars (Lettuce or
 * Jedis, at one version). It reads commands on stdin ({@code ID COMMAND ARGS}) and answers each on
 * stdout ({@code ID ok (Nms) VALUE} or {@code ID err (Nms) TYPE: MESSAGE}), as {@code ShopApp} does:
 * it talks to a Redis server through its client's APIs, and drives the agent over JMX as an operator
 * would.
 */
public final class RedisApp {

    private static LettuceClient lettuce;
    private static JedisClients jedis;

    private RedisApp() {
    }

    public static void main(String[] args) throws Exception {
        CommandLoop.serve((command, argument) -> run(command, argument.isEmpty() ? new String[0] : argument.split(" ")));
        System.exit(0); // the clients' threads end with the JVM
    }

    private static Object run(String command, String[] words) throws Exception {
        return switch (command) {
            // lettuce connect PORT | lettuce sync|async|reactive get KEY | ... set KEY VALUE | lettuce shared KEY COUNT
            case "lettuce" -> words[0].equals("connect") ? (lettuce = LettuceClient.connect(Integer.parseInt(words[1]))).toString()
                    : lettuce.run(words);
            // jedis connect PORT | jedis plain|pooled get KEY | ... set KEY VALUE
            case "jedis" -> words[0].equals("connect") ? (jedis = JedisClients.connect(Integer.parseInt(words[1]))).toString()
                    : jedis.run(words);
            case "addRule" -> AgentMBean.invoke("addRule", String.join(" ", words));
            case "removeRule", "calls", "injections" -> AgentMBean.invoke(command, words[0]);
            case "describe" -> String.valueOf(AgentMBean.invoke("describe", null)).replace("\n", " | ");
            // shape CLASS: the class's bytecode now, as the capture agent tells it
            case "shape" -> Class.forName("dev.chaosagent.harness.CaptureAgent").getMethod("shape", Class.class)
                    .invoke(null, Class.forName(words[0]));
            default -> throw new IllegalArgumentException("no command " + command);
        };
    }
}
