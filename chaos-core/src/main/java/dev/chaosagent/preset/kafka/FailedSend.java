package dev.chaosagent.preset.kafka;

import dev.chaosagent.fault.ExceptionFault;
import dev.chaosagent.fault.FaultContext;
import dev.chaosagent.fault.PresetFault;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * {@code exception=...} on a send: the record is not sent, its callback is called once with the
 * exception (in the caller's thread, as Kafka reports a send that fails before it is queued, such as
 * its own {@code TimeoutException} waiting for metadata), and {@code send} returns a failed future;
 * it never throws. The default type is Kafka's {@code TimeoutException}, loaded beside the record, as
 * the agent may read the rule where kafka-clients is not visible.
 */
final class FailedSend extends PresetFault {

    static final String TIMEOUT = "org.apache.kafka.common.errors.TimeoutException";
    static final FailedSend TIMING_OUT = new FailedSend(null);

    /** The rule's exception, or null for Kafka's {@code TimeoutException}. */
    private final ExceptionFault exception;

    FailedSend(ExceptionFault exception) {
        this.exception = exception;
    }

    @Override
    public String key() {
        return "exception";
    }

    @Override
    public String value() {
        return exception == null ? TIMEOUT : exception.value();
    }

    /** As the rule's own exception: {@link KafkaProducerPreset#delivery} says why at=exit is refused. */
    @Override
    public boolean entryOnly() {
        return false;
    }

    @Override
    public Object inject(FaultContext context, long n) throws ReflectiveOperationException {
        ProducerSend send = ProducerSend.of(context.operand());
        if (send == null) {
            return null; // nothing to do: the call goes on
        }
        Throwable failure = exception != null ? exception.newThrowable()
                : ExceptionFault.of(TIMEOUT, "chaos: expired before the record was sent", send.loader())
                        .newThrowable();
        send.complete(send.metadata(false), failure);
        return CompletableFuture.failedFuture(failure);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FailedSend failed && Objects.equals(failed.exception, exception);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(exception);
    }

    @Override
    public String toString() {
        return exception == null ? "exception=" + TIMEOUT : exception.toString();
    }
}
