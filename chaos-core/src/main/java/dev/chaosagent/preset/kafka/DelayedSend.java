package dev.chaosagent.preset.kafka;

import dev.chaosagent.fault.FaultContext;
import dev.chaosagent.fault.LatencyFault;
import dev.chaosagent.fault.PresetFault;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletableFuture;

/**
 * {@code latency=...} on a send (contract sections 11 and 12): {@code send} returns at once and the
 * record goes to the broker as usual, but its outcome reaches the caller that much later: the
 * callback is called, and then the returned future completes, the latency after Kafka reported it,
 * as if the broker had been that slow to answer. The agent sends the record itself, with a callback
 * of its own that relays Kafka's answer after the delay; nothing waits in the calling thread.
 */
final class DelayedSend extends PresetFault {

    private final LatencyFault latency;

    DelayedSend(LatencyFault latency) {
        this.latency = latency;
    }

    @Override
    public String key() {
        return latency.key();
    }

    @Override
    public String value() {
        return latency.value();
    }

    @Override
    public Object inject(FaultContext context, long n) {
        ProducerSend send = ProducerSend.of(context.operand());
        if (send == null) {
            return null; // nothing to do: the call goes on
        }
        long nanos = latency.nanos(context, n);
        CompletableFuture<Object> answered = new CompletableFuture<>();
        try {
            send.sendRelayed((metadata, failure) -> context.runAfter(nanos, () -> {
                try {
                    send.complete(metadata, failure);
                } finally {
                    if (failure != null) {
                        answered.completeExceptionally(failure);
                    } else {
                        answered.complete(metadata);
                    }
                }
            }));
        } catch (InvocationTargetException notAppended) {
            // send threw (a record it cannot serialize, a closed producer): the caller's own send
            // runs instead, and throws as it did, as it would without the agent.
            return null; // nothing to do: the call goes on
        }
        return answered;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DelayedSend delayed && delayed.latency.equals(latency);
    }

    @Override
    public int hashCode() {
        return latency.hashCode();
    }

    @Override
    public String toString() {
        return "latency=" + latency.value();
    }
}
