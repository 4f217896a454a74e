package dev.chaosagent.preset.grpc;

import dev.chaosagent.fault.ExceptionFault;
import dev.chaosagent.fault.Fault;
import dev.chaosagent.fault.LatencyFault;
import dev.chaosagent.preset.Operand;
import dev.chaosagent.preset.PresetMethod;
import dev.chaosagent.rule.At;
import dev.chaosagent.rule.InvalidRuleException;
import java.util.List;

/**
 * {@code preset=grpc-client}: one RPC a grpc-java client starts, bound where its call asks the
 * channel for a stream ({@code ClientCallImpl$ClientStreamProvider#newStream}, inside
 * {@code ClientCallImpl.start}): after the application's client interceptors and whatever
 * {@code ForwardingClientCall}s wrap the call (they all end in the one real call), and before
 * anything reaches a transport. Blocking, future and async stubs, and a call made by hand, all start
 * here once; a channel's first calls, which wait for its name resolution, start here when they leave
 * that wait.
 *
 * <p>A fault ends the call the way gRPC ends one it cannot make: the stream it gets is gRPC's own
 * failing stream, which closes the call's listener with the status on the call's executor and sends
 * nothing. The caller sees it as each stub reports a failed call: a {@code StatusRuntimeException}
 * from a blocking stub, a failed future, the observer's {@code onError}. An {@code exception} rule
 * ends it the same way, with status {@code UNKNOWN} caused by the exception. A {@code latency} starts
 * the call's stream that much later without holding the thread that started it.
 */
public final class GrpcClientPreset extends GrpcPreset {

    public static final GrpcClientPreset INSTANCE = new GrpcClientPreset();

    private GrpcClientPreset() {
        super("grpc-client", PresetMethod.of("io.grpc.internal.ClientCallImpl$ClientStreamProvider+#newStream("
                + "io.grpc.MethodDescriptor,io.grpc.CallOptions,io.grpc.Metadata,io.grpc.Context)", Operand.receiverAndArguments()));
    }

    /** An exception or a latency acts on the call's stream, which does not exist yet when the call ends. */
    @Override
    public Fault delivery(Fault fault, At at) {
        Fault delivered = super.delivery(fault, at);
        if ((delivered instanceof ExceptionFault || delivered instanceof LatencyFault) && at == At.EXIT) {
            throw new InvalidRuleException("at", "exit", "cannot be used with " + fault.key() + " on preset=" + name()
                    + " (expected at=entry: the call's stream is made before anything is sent)");
        }
        if (delivered instanceof ExceptionFault exception) {
            return new ExceptionStatusFault(exception);
        }
        return delivered instanceof LatencyFault latency ? new DelayedStartFault(latency) : delivered;
    }

    @Override
    public List<String> libraryMarkers() {
        return List.of("io/grpc/internal/ClientCallImpl.class");
    }
}
