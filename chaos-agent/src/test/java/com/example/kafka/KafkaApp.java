package com.example.kafka;

import dev.chaosagent.harness.AgentMBean;
import dev.chaosagent.harness.CommandLoop;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The application of the Kafka presets' tests, run in a forked JVM under the agent on one
 * kafka-clients version (3.x or 4.x: it uses only the API both have), serving the harness's commands
 * ({@link CommandLoop}): it sends records with a real producer, polls with real consumers, and drives
 * the agent over JMX as an operator would.
 */
public final class KafkaApp {

    private static final AtomicInteger callbacks = new AtomicInteger();
    private static final Map<String, KafkaConsumer<String, String>> consumers = new ConcurrentHashMap<>();
    private static KafkaProducer<String, String> producer;
    private static String bootstrap;

    private KafkaApp() {
    }

    public static void main(String[] args) throws Exception {
        CommandLoop.serve(KafkaApp::run);
        System.exit(0); // the producer's and consumers' threads would keep the JVM alive
    }

    private static Object run(String command, String argument) throws Exception {
        String[] words = argument.split(" ");
        return switch (command) {
            case "connect" -> connect(argument);
            // send plain|callback TOPIC KEY VALUE (KEY "-": no key)
            case "send" -> send(words[0].equals("callback"), words[1], words[2].equals("-") ? null : words[2], words[3]);
            case "callbacks" -> callbacks.get();
            // subscribe NAME TOPIC classic|consumer
            case "subscribe" -> subscribe(words[0], words[1], words[2]);
            // assign NAME TOPIC: a consumer of the topic's partition 0, in no group
            case "assign" -> assign(words[0], words[1]);
            case "poll" -> poll(words[0], Long.parseLong(words[1]));
            default -> AgentMBean.command(command, argument);
        };
    }

    private static String connect(String servers) {
        bootstrap = servers;
        Properties properties = new Properties();
        properties.put("bootstrap.servers", servers);
        properties.put("key.serializer", StringSerializer.class.getName());
        properties.put("value.serializer", StringSerializer.class.getName());
        properties.put("linger.ms", "0");
        producer = new KafkaProducer<>(properties);
        return "connected";
    }

    /**
     * Sends one record and reports how long {@code send} took to return, then what its callback
     * (when given one) and its future said, and when, counted from the call.
     */
    private static String send(boolean withCallback, String topic, String key, String value) throws InterruptedException {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        AtomicReference<String> called = new AtomicReference<>();
        CountDownLatch answered = new CountDownLatch(1);
        long start = System.nanoTime();
        Future<RecordMetadata> future = withCallback ? producer.send(record, (metadata, exception) -> {
            callbacks.incrementAndGet();
            called.set(outcome(metadata, exception) + " after " + millisSince(start) + "ms");
            answered.countDown();
        }) : producer.send(record);
        long returned = millisSince(start);
        String futureOutcome;
        try {
            futureOutcome = outcome(future.get(30, TimeUnit.SECONDS), null);
        } catch (ExecutionException e) {
            futureOutcome = outcome(null, e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            futureOutcome = "no answer in 30s";
        }
        long completed = millisSince(start);
        if (withCallback && !answered.await(30, TimeUnit.SECONDS)) {
            called.set("never called");
        }
        return "returned " + returned + "ms; future " + futureOutcome + " after " + completed + "ms"
                + (withCallback ? "; callback " + called.get() : "");
    }

    private static String outcome(RecordMetadata metadata, Throwable exception) {
        if (exception != null) {
            return "failed " + exception.getClass().getName() + " (" + (metadata == null ? "no metadata" : metadata.topic()) + ")";
        }
        return "sent " + metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset();
    }

    private static String subscribe(String name, String topic, String protocol) {
        Properties properties = consumerProperties();
        properties.put("group.id", name);
        if (!protocol.equals("classic")) {
            properties.put("group.protocol", protocol);
        }
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties);
        consumer.subscribe(List.of(topic));
        consumers.put(name, consumer);
        return "subscribed " + name + " to " + topic;
    }

    private static String assign(String name, String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties());
        consumer.assign(List.of(new TopicPartition(topic, 0)));
        consumers.put(name, consumer);
        return "assigned " + name + " to " + topic + "-0";
    }

    private static Properties consumerProperties() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrap);
        properties.put("auto.offset.reset", "earliest");
        properties.put("key.deserializer", StringDeserializer.class.getName());
        properties.put("value.deserializer", StringDeserializer.class.getName());
        return properties;
    }

    /** One poll of that consumer, for up to that many milliseconds: the values it returned. */
    private static String poll(String name, long millis) {
        ConsumerRecords<String, String> records = consumers.get(name).poll(Duration.ofMillis(millis));
        StringBuilder values = new StringBuilder();
        records.forEach(record -> values.append(values.length() == 0 ? "" : ",").append(record.value()));
        return records.count() + " [" + values + "]";
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
