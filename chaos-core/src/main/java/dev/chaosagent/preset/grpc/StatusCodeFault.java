package dev.chaosagent.preset.grpc;

import dev.chaosagent.fault.FaultContext;
import dev.chaosagent.fault.PresetFault;
import dev.chaosagent.rule.InvalidRuleException;
import java.util.List;
import java.util.Locale;

/**
 * {@code status=UNAVAILABLE}: the RPC ends with that status code, nothing sent (client) or no handler
 * run (server). The codes are {@code io.grpc.Status.Code}'s, fixed by the gRPC protocol; {@code OK}
 * is not a failure and is refused.
 */
final class StatusCodeFault extends PresetFault {

    /** {@code io.grpc.Status.Code}'s names, each at its protocol value. */
    static final List<String> CODES = List.of("OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
            "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
            "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED");
    static final StatusCodeFault UNAVAILABLE = new StatusCodeFault(CODES.indexOf("UNAVAILABLE"));

    private final int code;

    private StatusCodeFault(int code) {
        this.code = code;
    }

    /** Reads {@code status=CODE}, a code's name in any case; refuses {@code OK} and anything else. */
    static StatusCodeFault parse(String value) {
        int code = CODES.indexOf(value.trim().toUpperCase(Locale.ROOT));
        if (code <= 0) {
            throw new InvalidRuleException("status", value, "is not a gRPC error status code (expected one of "
                    + String.join(", ", CODES.subList(1, CODES.size())) + ")");
        }
        return new StatusCodeFault(code);
    }

    @Override
    public String key() {
        return "status";
    }

    @Override
    public String value() {
        return CODES.get(code);
    }

    @Override
    public Object inject(FaultContext context, long n) throws Exception {
        return GrpcCall.end(context.operand(), code, "injected by chaos-agent rule " + context.ruleName(), null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StatusCodeFault fault && fault.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    @Override
    public String toString() {
        return "status=" + value();
    }
}
