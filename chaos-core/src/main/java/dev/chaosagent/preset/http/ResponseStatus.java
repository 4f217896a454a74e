package dev.chaosagent.preset.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The status a server's response carries when the call that handles its request ends, for a
 * hypothesis on {@code http-server}. Read on every observed call, so through method handles looked
 * up once per response class and invoked without boxing or allocating.
 */
final class ResponseStatus {

    /** What a handle answers for a response of another library, or one with no status yet. */
    static final int NONE = -1;
    private static final String SERVLET_RESPONSE = "jakarta.servlet.http.HttpServletResponse";
    private static final String WEBFLUX_RESPONSE = "org.springframework.http.server.reactive.ServerHttpResponse";
    private static final String WEBFLUX_STATUS = "org.springframework.http.HttpStatusCode";
    private static final MethodHandle NO_INT = MethodHandles.dropArguments(MethodHandles.constant(int.class, NONE), 0, Object.class);
    private static final MethodHandle NO_OBJECT = MethodHandles.dropArguments(MethodHandles.constant(Object.class, null), 0, Object.class);

    /** Per response class, by method name: the handle, typed {@code (Object)int} or {@code (Object)Object}. */
    private static final ClassValue<ConcurrentHashMap<String, MethodHandle>> HANDLES = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<String, MethodHandle> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private ResponseStatus() {
    }

    /** The status of the response in the operand the http-server preset's methods pass, or {@link #NONE}. */
    static int of(Object operand) throws Throwable {
        if (operand instanceof Object[] arguments) {
            Object response = arguments.length == 2 ? arguments[1] : null;
            if (response == null) {
                return NONE;
            }
            int status = (int) handle(response, SERVLET_RESPONSE, "getStatus", int.class).invokeExact(response);
            if (status != NONE) {
                return status;
            }
            Object code = (Object) handle(response, WEBFLUX_RESPONSE, "getStatusCode", Object.class).invokeExact(response);
            return code == null ? NONE : (int) handle(code, WEBFLUX_STATUS, "value", int.class).invokeExact(code);
        }
        return operand == null ? NONE : (int) handle(operand, JdkServerExchange.EXCHANGE, "getResponseCode", int.class).invokeExact(operand);
    }

    private static MethodHandle handle(Object receiver, String typeName, String name, Class<?> returns) throws IllegalAccessException {
        ConcurrentHashMap<String, MethodHandle> handles = HANDLES.get(receiver.getClass());
        MethodHandle handle = handles.get(name);
        if (handle == null) {
            handle = lookUp(receiver.getClass(), typeName, name, returns);
            handles.putIfAbsent(name, handle);
        }
        return handle;
    }

    private static MethodHandle lookUp(Class<?> type, String typeName, String name, Class<?> returns) throws IllegalAccessException {
        Method method = LibraryMethods.isA(type, typeName) ? LibraryMethods.find(type, typeName, name, new Class<?>[0]) : null;
        if (method == null) {
            return returns == int.class ? NO_INT : NO_OBJECT;
        }
        return MethodHandles.publicLookup().unreflect(method).asType(MethodType.methodType(returns, Object.class));
    }
}
