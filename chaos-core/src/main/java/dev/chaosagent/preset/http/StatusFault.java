package dev.chaosagent.preset.http;

import dev.chaosagent.fault.FaultContext;
import dev.chaosagent.fault.PresetFault;
import dev.chaosagent.rule.InvalidRuleException;

/**
 * {@code status=503}: the HTTP request is answered with that status in the library's own way: on a
 * server no handler runs, on a client nothing is sent and the caller gets a response of that status.
 */
public final class StatusFault extends PresetFault {

    private final int status;

    StatusFault(int status) {
        this.status = status;
    }

    /** Reads {@code status=NNN}, refusing anything but a three-digit status from 100 to 599. */
    static StatusFault parse(String value) {
        int status;
        try {
            status = value.length() == 3 ? Integer.parseInt(value) : -1;
        } catch (NumberFormatException e) {
            status = -1;
        }
        if (status < 100 || status > 599) {
            throw new InvalidRuleException("status", value, "is not an HTTP status (expected a number from 100 to 599, like 503)");
        }
        return new StatusFault(status);
    }

    @Override
    public String key() {
        return "status";
    }

    @Override
    public String value() {
        return Integer.toString(status);
    }

    @Override
    public Object inject(FaultContext context, long n) throws Exception {
        HttpOperation operation = HttpOperations.of(context.operand());
        if (operation == null) {
            return null; // not a request the presets can answer (a forward, say): it goes on as it is
        }
        Object answer = operation.answer(status, context.returnType());
        return answer == null ? NULL_RESULT : answer; // a server's handler returns nothing: the answer is already written
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StatusFault fault && fault.status == status;
    }

    @Override
    public int hashCode() {
        return status;
    }

    @Override
    public String toString() {
        return "status=" + status;
    }
}
