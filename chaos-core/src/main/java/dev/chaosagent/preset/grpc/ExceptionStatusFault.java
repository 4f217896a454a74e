package dev.chaosagent.preset.grpc;

import dev.chaosagent.fault.ExceptionFault;
import dev.chaosagent.fault.FaultContext;

/**
 * {@code exception=TYPE} on a gRPC client call: the call ends through its listener with status
 * {@code UNKNOWN} caused by a new instance of the exception, as gRPC reports a call that failed
 * locally. Thrown from {@code ClientCall.start} instead, it would escape a call that started on
 * the channel's executor (a channel's first calls do) and leave its caller waiting for ever.
 */
final class ExceptionStatusFault extends DeliveredFault<ExceptionFault> {

    private static final int UNKNOWN = StatusCodeFault.CODES.indexOf("UNKNOWN");

    ExceptionStatusFault(ExceptionFault exception) {
        super(exception);
    }

    @Override
    public Object inject(FaultContext context, long n) throws Exception {
        Throwable cause = fault.newThrowable();
        return GrpcCall.end(context.operand(), UNKNOWN, cause.toString(), cause);
    }
}
