package dev.chaosagent.preset.grpc;

import dev.chaosagent.fault.ExceptionFault;
import dev.chaosagent.fault.FaultContext;
import dev.chaosagent.fault.PresetFault;

/**
 * {@code exception=TYPE} on a gRPC client call: the call ends through its listener with status
 * {@code UNKNOWN} caused by a new instance of the exception, as gRPC reports a call that failed
 * locally. Thrown from {@code ClientCall.start} instead, it would escape a call that started on
 * the channel's executor (a channel's first calls do) and leave its caller waiting for ever.
 */
final class ExceptionStatusFault extends PresetFault {

    private static final int UNKNOWN = StatusCodeFault.CODES.indexOf("UNKNOWN");

    private final ExceptionFault exception;

    ExceptionStatusFault(ExceptionFault exception) {
        this.exception = exception;
    }

    @Override
    public String key() {
        return exception.key();
    }

    @Override
    public String value() {
        return exception.value();
    }

    @Override
    public Object inject(FaultContext context, long n) throws Exception {
        Throwable cause = exception.newThrowable();
        return GrpcCall.end(context.operand(), UNKNOWN, cause.toString(), cause);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExceptionStatusFault fault && fault.exception.equals(exception);
    }

    @Override
    public int hashCode() {
        return exception.hashCode();
    }

    @Override
    public String toString() {
        return exception.toString();
    }
}
