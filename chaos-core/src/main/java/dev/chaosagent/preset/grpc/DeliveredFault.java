package dev.chaosagent.preset.grpc;

import dev.chaosagent.fault.Fault;
import dev.chaosagent.fault.PresetFault;

/**
 * A fault of the rule language that a gRPC client call takes its own way (see
 * {@code GrpcClientPreset#delivery}): named, compared and shown as the rule wrote it.
 */
abstract class DeliveredFault<F extends Fault> extends PresetFault {

    final F fault;

    DeliveredFault(F fault) {
        this.fault = fault;
    }

    @Override
    public final String key() {
        return fault.key();
    }

    @Override
    public final String value() {
        return fault.value();
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && ((DeliveredFault<?>) other).fault.equals(fault);
    }

    @Override
    public final int hashCode() {
        return fault.hashCode();
    }

    @Override
    public final String toString() {
        return key() + "=" + value();
    }
}
