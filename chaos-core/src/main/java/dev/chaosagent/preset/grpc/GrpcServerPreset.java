package dev.chaosagent.preset.grpc;

import dev.chaosagent.preset.Operand;
import dev.chaosagent.preset.PresetMethod;
import java.util.List;

/**
 * {@code preset=grpc-server}: one RPC a grpc-java server handles, bound where the server starts
 * the call's handler ({@code ServerImpl$ServerTransportListenerImpl#startWrappedCall}, once per
 * call, on the server's executor): the method has been looked up and the call made, and neither the
 * server's interceptors nor the service's handler have run. A {@code status} fault closes the call
 * with that status, as the server closes a call to a method it does not know, and no interceptor or
 * handler runs; a {@code latency} holds the call's executor thread that long before they run (as a
 * slow interceptor would: other calls go on in other threads unless the server runs them on its
 * transport's thread with {@code directExecutor()}).
 */
public final class GrpcServerPreset extends GrpcPreset {

    public static final GrpcServerPreset INSTANCE = new GrpcServerPreset();

    private GrpcServerPreset() {
        super("grpc-server", PresetMethod.of("io.grpc.internal.ServerImpl$ServerTransportListenerImpl#startWrappedCall",
                Operand.arguments()));
    }

    @Override
    public List<String> libraryMarkers() {
        return List.of("io/grpc/internal/ServerImpl.class");
    }
}
