package dev.chaosagent.preset.grpc;

import dev.chaosagent.fault.Fault;
import dev.chaosagent.preset.http.LibraryMethods;
import java.lang.reflect.Array;
import java.lang.reflect.Field;

/**
 * Ends an RPC with a status in grpc-java's own way, through the classes of the application's
 * grpc-java (read by reflection, as the agent does not link against it), from the operand of
 * either preset's method.
 */
final class GrpcCall {

    static final String METHOD_DESCRIPTOR = "io.grpc.MethodDescriptor";
    private static final String STATUS = "io.grpc.Status";
    private static final Class<?>[] STRING = {String.class};

    private GrpcCall() {
    }

    /**
     * What the bound method returns instead of running: on a client (the operand is the call's
     * {@code MethodDescriptor}) gRPC's {@code FailingClientStream}, which closes the call's listener
     * with the status and sends nothing; on a server (the operand is {@code startWrappedCall}'s
     * parameters) the call is closed with the status and the server's no-op stream listener returned.
     */
    static Object end(Object operand, int code, String description, Throwable cause) throws ReflectiveOperationException {
        if (operand instanceof Object[] arguments && arguments.length == 3) {
            return closeServerCall(arguments[1], code, description, cause);
        }
        if (operand != null && LibraryMethods.isA(operand, METHOD_DESCRIPTOR)) {
            return failingStream(operand, status(operand, code, description, cause));
        }
        return Fault.CONTINUE; // not a call of the grpc-java this was written against: it goes on as it is
    }

    private static Object failingStream(Object near, Object status) throws ReflectiveOperationException {
        Class<?> tracer = LibraryMethods.load(near, "io.grpc.ClientStreamTracer");
        Class<?> failing = LibraryMethods.load(near, "io.grpc.internal.FailingClientStream");
        return failing.getConstructor(status.getClass(), tracer.arrayType()).newInstance(status, Array.newInstance(tracer, 0));
    }

    private static Object closeServerCall(Object parameters, int code, String description, Throwable cause)
            throws ReflectiveOperationException {
        Object call = accessible(parameters.getClass().getDeclaredField("call")).get(parameters);
        Object status = status(call, code, description, cause);
        Class<?> metadata = LibraryMethods.load(call, "io.grpc.Metadata");
        LibraryMethods.call(call, "io.grpc.ServerCall", "close", new Class<?>[] {status.getClass(), metadata},
                status, metadata.getConstructor().newInstance());
        return accessible(LibraryMethods.load(call, "io.grpc.internal.ServerImpl").getDeclaredField("NOOP_LISTENER")).get(null);
    }

    private static Object status(Object near, int code, String description, Throwable cause) {
        Object status = LibraryMethods.callStatic(near, STATUS, "fromCodeValue", new Class<?>[] {int.class}, code);
        status = LibraryMethods.call(status, STATUS, "withDescription", STRING, description);
        return cause == null ? status : LibraryMethods.call(status, STATUS, "withCause", new Class<?>[] {Throwable.class}, cause);
    }

    private static Field accessible(Field field) {
        field.setAccessible(true);
        return field;
    }
}
