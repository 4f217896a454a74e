package dev.chaosagent.preset.kafka;

import dev.chaosagent.fault.Fault;
import dev.chaosagent.fault.LatencyFault;
import dev.chaosagent.preset.Operand;
import dev.chaosagent.preset.Preset;
import dev.chaosagent.preset.PresetKey;
import dev.chaosagent.preset.PresetMethod;
import dev.chaosagent.rule.DurationRange;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code preset=kafka-consumer}: one poll, at {@code KafkaConsumer#poll(Duration)} (and 3.x's
 * deprecated {@code poll(long)}). In kafka-clients 4.x {@code KafkaConsumer} delegates to its classic
 * or asynchronous implementation; only the public class is bound, so a poll counts once. A poll is
 * synchronous: its latency waits in the polling thread, its exception is thrown from {@code poll}.
 */
public final class KafkaConsumerPreset extends Preset {

    public static final KafkaConsumerPreset INSTANCE = new KafkaConsumerPreset();

    private static final String CONSUMER = "org.apache.kafka.clients.consumer.KafkaConsumer";

    private KafkaConsumerPreset() {
        super("kafka-consumer");
    }

    @Override
    public List<PresetMethod> methods() {
        return List.of(PresetMethod.of(CONSUMER + "#poll(java.time.Duration)", Operand.receiver()),
                PresetMethod.of(CONSUMER + "#poll(long)", Operand.receiver()));
    }

    @Override
    public PresetKey key(String key) {
        return key.equals("kafka.topic") ? KafkaKeys.TOPIC : null;
    }

    @Override
    public List<String> keyNames() {
        return List.of("kafka.topic");
    }

    @Override
    public Fault defaultFault(ClassLoader loader) {
        return new LatencyFault(DurationRange.fixed(TimeUnit.SECONDS.toNanos(1)));
    }

    @Override
    public Object operation(Object operand) {
        return operand == null ? null : new ConsumerPoll(operand);
    }

    @Override
    public String library() {
        return "kafka-clients' KafkaConsumer (3.x, 4.x)";
    }

    @Override
    public List<String> libraryMarkers() {
        return List.of("org/apache/kafka/clients/consumer/KafkaConsumer.class");
    }
}
