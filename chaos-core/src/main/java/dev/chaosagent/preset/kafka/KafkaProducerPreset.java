package dev.chaosagent.preset.kafka;

import dev.chaosagent.fault.ExceptionFault;
import dev.chaosagent.fault.Fault;
import dev.chaosagent.fault.LatencyFault;
import dev.chaosagent.preset.Operand;
import dev.chaosagent.preset.Preset;
import dev.chaosagent.preset.PresetKey;
import dev.chaosagent.preset.PresetMethod;
import dev.chaosagent.rule.At;
import dev.chaosagent.rule.InvalidRuleException;
import java.util.List;

/**
 * {@code preset=kafka-producer}: one record sent, at {@code KafkaProducer#send} (kafka-clients 3.x
 * and 4.x). {@code send(record)} delegates to {@code send(record, null)} inside the same call, so a
 * record is one operation whichever the caller used; binding both also keeps the rule off "solo"
 * counting, so the send that {@link DelayedSend} makes itself is part of the operation too.
 *
 * <p>A send reports its outcome through its future and its callback, and never throws for it: the
 * rule's {@code exception} and {@code latency} act that way ({@link #delivery}), and
 * {@code drop=true} reports success for a record that is never sent.
 */
public final class KafkaProducerPreset extends Preset {

    public static final KafkaProducerPreset INSTANCE = new KafkaProducerPreset();

    private static final String PRODUCER = "org.apache.kafka.clients.producer.KafkaProducer";

    private KafkaProducerPreset() {
        super("kafka-producer");
    }

    @Override
    public List<PresetMethod> methods() {
        return List.of(
                PresetMethod.of(PRODUCER + "#send(" + ProducerSend.RECORD + ")", Operand.receiverAndArguments()),
                PresetMethod.of(PRODUCER + "#send(" + ProducerSend.RECORD + "," + ProducerSend.CALLBACK + ")", Operand.receiverAndArguments()));
    }

    @Override
    public PresetKey key(String key) {
        return switch (key) {
            case "kafka.topic" -> KafkaKeys.TOPIC;
            case "kafka.key" -> KafkaKeys.KEY;
            default -> null;
        };
    }

    @Override
    public List<String> keyNames() {
        return List.of("kafka.topic", "kafka.key");
    }

    @Override
    public List<String> faultKeys() {
        return List.of("drop");
    }

    @Override
    public Fault fault(String key, String value, ClassLoader loader) {
        return DroppedSend.parse(value);
    }

    @Override
    public Fault defaultFault(ClassLoader loader) {
        return FailedSend.TIMING_OUT;
    }

    /** The rule's exception and latency reach the send's future and callback; both act before the record is sent. */
    @Override
    public Fault delivery(Fault fault, At at) {
        if (!(fault instanceof ExceptionFault) && !(fault instanceof LatencyFault) && !(fault instanceof FailedSend)) {
            return fault;
        }
        if (at != At.ENTRY) {
            throw new InvalidRuleException("at", at.key(), "cannot be used with preset kafka-producer's " + fault.key()
                    + " (expected at=entry: the send's future and callback report it, and they are Kafka's once the record is sent)");
        }
        if (fault instanceof ExceptionFault exception) {
            return new FailedSend(exception);
        }
        return fault instanceof LatencyFault latency ? new DelayedSend(latency) : fault;
    }

    @Override
    public Object operation(Object operand) {
        return ProducerSend.of(operand);
    }

    @Override
    public String library() {
        return "kafka-clients' KafkaProducer (3.x, 4.x)";
    }

    @Override
    public List<String> libraryMarkers() {
        return List.of("org/apache/kafka/clients/producer/KafkaProducer.class");
    }
}
