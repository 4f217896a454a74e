package dev.chaosagent.preset.grpc;

import dev.chaosagent.preset.http.LibraryMethods;
import java.io.InputStream;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Acts on an RPC in grpc-java's own way, through the classes of the application's grpc-java (read
 * by reflection, as the agent does not link against it), from the operand of either preset's
 * method: on a client {@code newStream}'s receiver and parameters, on a server
 * {@code startWrappedCall}'s parameters.
 */
final class GrpcCall {

    private static final String METHOD_DESCRIPTOR = "io.grpc.MethodDescriptor";
    private static final String STATUS = "io.grpc.Status";
    private static final String CLIENT_STREAM = "io.grpc.internal.ClientStream";
    private static final String RETRIABLE_STREAM = "io.grpc.internal.RetriableStream";
    private static final Class<?>[] STRING = {String.class};

    private GrpcCall() {
    }

    /** The full method name, {@code package.Service/Method}, or null for an operand of neither preset. */
    static String methodName(Object operand) {
        if (isServerStart(operand)) {
            return (String) ((Object[]) operand)[0];
        }
        Object descriptor = clientDescriptor(operand);
        return descriptor == null ? null : (String) LibraryMethods.call(descriptor, METHOD_DESCRIPTOR, "getFullMethodName");
    }

    /**
     * What the bound method returns instead of running: on a client gRPC's {@code FailingClientStream},
     * which closes the call's listener with the status on the call's executor and sends nothing; on
     * a server the call is closed with the status and the server's no-op stream listener returned.
     */
    static Object end(Object operand, int code, String description, Throwable cause) throws ReflectiveOperationException {
        if (isServerStart(operand)) {
            return closeServerCall(((Object[]) operand)[1], code, description, cause);
        }
        Object descriptor = clientDescriptor(operand);
        if (descriptor == null) {
            return null; // not a call of the grpc-java this was written against: it goes on as it is
        }
        return failingStream(descriptor, status(descriptor, code, description, cause));
    }

    /**
     * A client's stream that starts {@code nanos} later: gRPC's own {@code DelayedStream}, which
     * holds what the call does meanwhile (start, messages, half-close, a cancel or a deadline) and
     * hands it to the stream that {@code later} makes then, as the channel's {@code newStream} would
     * have made it now. Null for an operand of another kind.
     */
    static Object delayedStream(Object operand, Later later) throws ReflectiveOperationException {
        Object descriptor = clientDescriptor(operand);
        if (descriptor == null) {
            return null;
        }
        Object[] call = (Object[]) operand;
        Class<?> delayedType = LibraryMethods.load(descriptor, "io.grpc.internal.DelayedStream");
        Class<?> streamType = LibraryMethods.load(descriptor, CLIENT_STREAM);
        Object delayed = newDelayedStream(delayedType);
        Method setStream = accessible(delayedType.getDeclaredMethod("setStream", streamType));
        later.run(() -> {
            Object real;
            try {
                real = newStream(call);
                if (LibraryMethods.isA(real, RETRIABLE_STREAM)) {
                    real = sendingWholeMessages(real, descriptor, streamType);
                }
            } catch (ReflectiveOperationException | RuntimeException | Error failure) {
                Throwable cause = failure instanceof InvocationTargetException thrown ? thrown.getCause() : failure;
                real = failingStreamOrNull(descriptor, cause);
            }
            try {
                Runnable drain = (Runnable) setStream.invoke(delayed, real);
                if (drain != null) {
                    drain.run();
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot start the delayed gRPC stream", e);
            }
        });
        return delayed;
    }

    /** Runs an action later without holding the calling thread. */
    interface Later {
        void run(Runnable action);
    }

    private static Object clientDescriptor(Object operand) {
        return operand instanceof Object[] call && call.length == 5 && call[1] != null && LibraryMethods.isA(call[1], METHOD_DESCRIPTOR)
                ? call[1] : null;
    }

    private static boolean isServerStart(Object operand) {
        return operand instanceof Object[] arguments && arguments.length == 3 && arguments[0] instanceof String;
    }

    /** {@code provider.newStream(method, callOptions, headers, context)} on the provider the call was made with. */
    private static Object newStream(Object[] call) throws ReflectiveOperationException {
        Method newStream = null;
        for (Class<?> type = call[0].getClass(); newStream == null && type != null; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.getName().equals("newStream") && method.getParameterCount() == 4 && !method.isBridge()) {
                    newStream = method;
                }
            }
        }
        if (newStream == null) {
            throw new NoSuchMethodException(call[0].getClass().getName() + "#newStream");
        }
        return accessible(newStream).invoke(call[0], call[1], call[2], call[3], call[4]);
    }

    /**
     * A channel that retries makes a {@code RetriableStream}, which takes a call's messages whole
     * (it may send them again) where the delayed stream hands over each serialized: this parses
     * each back with the call's own marshaller and gives it to the retriable stream as
     * {@code ClientCallImpl} would have.
     */
    private static Object sendingWholeMessages(Object retriable, Object descriptor, Class<?> streamType) throws ReflectiveOperationException {
        Method sendMessage = accessible(LibraryMethods.load(descriptor, RETRIABLE_STREAM).getDeclaredMethod("sendMessage", Object.class));
        Method parseRequest = descriptor.getClass().getMethod("parseRequest", InputStream.class);
        return Proxy.newProxyInstance(streamType.getClassLoader(), new Class<?>[] {streamType}, (proxy, method, arguments) -> {
            try {
                if (method.getName().equals("writeMessage") && arguments != null && arguments.length == 1) {
                    return sendMessage.invoke(retriable, parseRequest.invoke(descriptor, arguments[0]));
                }
                return method.invoke(retriable, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    /** 1.60 has a no-argument constructor; later versions name what the stream waits for. */
    private static Object newDelayedStream(Class<?> type) throws ReflectiveOperationException {
        try {
            Constructor<?> named = type.getDeclaredConstructor(String.class);
            return accessible(named).newInstance("chaos_agent_latency");
        } catch (NoSuchMethodException olderVersion) {
            return accessible(type.getDeclaredConstructor()).newInstance();
        }
    }

    private static Object failingStreamOrNull(Object descriptor, Throwable cause) {
        try {
            return failingStream(descriptor, status(descriptor, StatusCodeFault.CODES.indexOf("UNKNOWN"), String.valueOf(cause), cause));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot fail the delayed gRPC stream", e);
        }
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

    private static <T extends AccessibleObject> T accessible(T member) {
        member.setAccessible(true);
        return member;
    }
}
