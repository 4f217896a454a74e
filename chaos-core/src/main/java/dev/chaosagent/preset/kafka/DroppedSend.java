package dev.chaosagent.preset.kafka;

import dev.chaosagent.fault.FaultContext;
import dev.chaosagent.fault.PresetFault;
import dev.chaosagent.rule.InvalidRuleException;
import java.util.concurrent.CompletableFuture;

/**
 * {@code drop=true}: the send reports success and the record never reaches the broker, the loss
 * that producers do not see. The record is not sent; its callback is called once, off the caller's
 * thread as Kafka calls a success, with metadata naming its topic ({@link ProducerSend#metadata}),
 * and then the future {@code send} returned completes with the same metadata.
 */
final class DroppedSend extends PresetFault {

    static final DroppedSend INSTANCE = new DroppedSend();

    private DroppedSend() {
    }

    /** Reads {@code drop=true}; anything else is refused. */
    static DroppedSend parse(String value) {
        if (!"true".equals(value)) {
            throw new InvalidRuleException("drop", value, "is not true (expected drop=true; a rule that should not drop is removed or enabled=false)");
        }
        return INSTANCE;
    }

    @Override
    public String key() {
        return "drop";
    }

    @Override
    public String value() {
        return "true";
    }

    @Override
    public Object inject(FaultContext context, long n) throws ReflectiveOperationException {
        ProducerSend send = ProducerSend.of(context.operand());
        if (send == null) {
            return null; // nothing to do: the call goes on
        }
        Object metadata = send.metadata(true);
        CompletableFuture<Object> sent = new CompletableFuture<>();
        context.runAfter(0, () -> {
            try {
                send.complete(metadata, null);
            } finally {
                sent.complete(metadata);
            }
        });
        return sent;
    }

    @Override
    public String toString() {
        return "drop=true";
    }
}
