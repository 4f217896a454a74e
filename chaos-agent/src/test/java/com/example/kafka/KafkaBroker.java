package com.example.kafka;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker for the Kafka presets' tests, in a JVM of its own so that the application
 * under the agent carries only the kafka-clients version under test: one node in KRaft mode (broker
 * and controller combined), on loopback ports the system chose, its data in a temporary folder. It
 * prints {@code ready BOOTSTRAP} once it serves, and stops (its data deleted) on {@code ID exit}.
 */
public final class KafkaBroker {

    private KafkaBroker() {
    }

    public static void main(String[] args) throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            System.out.println("ready " + cluster.bootstrapServers());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.trim().split(" ");
                if (words.length == 2 && words[1].equals("exit")) {
                    System.out.println(words[0] + " ok (0ms) bye");
                    break;
                }
            }
        } finally {
            cluster.close();
        }
        System.exit(0);
    }
}
