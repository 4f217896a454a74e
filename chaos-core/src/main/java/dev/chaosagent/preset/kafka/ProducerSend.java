package dev.chaosagent.preset.kafka;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * One call of {@code KafkaProducer#send}, as the operand of its woven code passes it (the producer,
 * the record, and the callback when the caller gave one): what {@code kafka.topic} and
 * {@code kafka.key} match, and how a fault reports the send's outcome in Kafka's own way, through the
 * callback and the future.
 */
final class ProducerSend {

    static final String RECORD = "org.apache.kafka.clients.producer.ProducerRecord";
    static final String CALLBACK = "org.apache.kafka.clients.producer.Callback";
    private static final String METADATA = "org.apache.kafka.clients.producer.RecordMetadata";
    private static final String TOPIC_PARTITION = "org.apache.kafka.common.TopicPartition";
    private static final String[] SEND = {RECORD, CALLBACK};
    private static final String[] ON_COMPLETION = {METADATA, "java.lang.Exception"};
    /** What Kafka's metadata holds where a value is unknown (an offset, a size, a failed send's timestamp). */
    private static final long UNKNOWN = -1;

    private final Object producer;
    private final Object record;
    private final Object callback;
    private final String topic;
    private final String key;

    private ProducerSend(Object producer, Object record, Object callback) {
        this.producer = producer;
        this.record = record;
        this.callback = callback;
        this.topic = (String) KafkaApi.read(record, "topic");
        this.key = text(KafkaApi.read(record, "key"));
    }

    /**
     * The send an operand describes ({@code [producer, record]} or {@code [producer, record, callback]}),
     * or null; its topic and key are read now, where a failure of the agent's reading is caught.
     */
    static ProducerSend of(Object operand) {
        if (operand instanceof Object[] values && values.length >= 2 && values[0] != null && values[1] != null) {
            return new ProducerSend(values[0], values[1], values.length > 2 ? values[2] : null);
        }
        return null;
    }

    /** The class loader of the record's kafka-clients. */
    ClassLoader loader() {
        return record.getClass().getClassLoader();
    }

    String topic() {
        return topic;
    }

    /** The record's key as text, or null when it has none. */
    String key() {
        return key;
    }

    /** A key as text: a {@code String} as it is, a {@code byte[]} decoded as UTF-8, another type by its {@code toString}. */
    private static String text(Object key) {
        if (key == null || key instanceof String) {
            return (String) key;
        }
        return key instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(key);
    }

    /**
     * The metadata Kafka would report for this record: its topic, the record's partition (0 when it
     * names none: no partitioner ran), offset -1 (unknown, as {@code hasOffset()} then says), sizes
     * -1; the record's timestamp, or now, on success, and -1 on failure, as Kafka's own failed sends
     * report.
     */
    Object metadata(boolean succeeded) throws ReflectiveOperationException {
        Integer partition = (Integer) KafkaApi.read(record, "partition");
        Long timestamp = (Long) KafkaApi.read(record, "timestamp");
        Class<?> topicPartitionType = KafkaApi.load(record, TOPIC_PARTITION);
        Object topicPartition = topicPartitionType.getConstructor(String.class, int.class)
                .newInstance(topic, partition == null ? 0 : partition);
        long time = !succeeded ? UNKNOWN : timestamp != null ? timestamp : System.currentTimeMillis();
        return KafkaApi.load(record, METADATA).getConstructor(topicPartitionType, long.class, int.class, long.class, int.class, int.class)
                .newInstance(topicPartition, UNKNOWN, 0, time, (int) UNKNOWN, (int) UNKNOWN);
    }

    /**
     * Calls the caller's callback, if any, as Kafka does: once, with the metadata and the exception
     * (null on success). The callback's own failure is the application's: it is not the agent's to
     * report, and it must not make the send run.
     */
    void complete(Object metadata, Throwable failure) {
        if (callback == null) {
            return;
        }
        try {
            KafkaApi.call(callback, "onCompletion", ON_COMPLETION, metadata, failure);
        } catch (InvocationTargetException callbackFailed) {
            // Kafka's I/O thread logs a callback's failure and goes on; so does the agent.
        }
    }

    /**
     * Sends the record for real with {@code relay} as its callback instead of the caller's; its
     * woven code takes this nested call as part of the send being injected, so it is not counted
     * again. Throws {@link InvocationTargetException} with what {@code send} threw, in which case the
     * record was not appended.
     */
    void sendRelayed(BiConsumer<Object, Throwable> relay) throws InvocationTargetException {
        Class<?> callbackType = KafkaApi.load(producer, CALLBACK);
        InvocationHandler handler = (proxy, method, arguments) -> switch (method.getName()) {
            case "onCompletion" -> {
                relay.accept(arguments[0], (Throwable) arguments[1]);
                yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == arguments[0];
            default -> "chaos-agent relay of " + callback;
        };
        Object relayCallback = Proxy.newProxyInstance(callbackType.getClassLoader(), new Class<?>[] {callbackType}, handler);
        KafkaApi.call(producer, "send", SEND, record, relayCallback);
    }
}
