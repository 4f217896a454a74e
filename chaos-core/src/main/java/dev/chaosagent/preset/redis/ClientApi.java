package dev.chaosagent.preset.redis;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public API of the Redis clients, which the agent does not link against: each method is found
 * once per receiver class, on the public type that declares it, loaded beside the receiver.
 */
final class ClientApi {

    private static final ClassValue<ConcurrentHashMap<String, Method>> METHODS = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<String, Method> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private ClientApi() {
    }

    /** {@code receiver.name(arguments)}, as {@code typeName} declares it with parameters of these type names. */
    static Object call(Object receiver, String typeName, String name, String[] parameterTypes, Object... arguments) {
        Class<?> type = receiver.getClass();
        Method method = METHODS.get(type).computeIfAbsent(typeName + '#' + name + String.join(",", parameterTypes),
                key -> find(type, typeName, name, parameterTypes));
        try {
            return method.invoke(receiver, arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(typeName + "#" + name + " failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(typeName + "#" + name + " is not accessible", e);
        }
    }

    /** {@code receiver.name()}, as {@code typeName} declares it. */
    static Object call(Object receiver, String typeName, String name) {
        return call(receiver, typeName, name, new String[0]);
    }

    /** Whether the object's class is, or extends or implements, the type of that name (as seen from the object's class loader). */
    static boolean isA(Object object, String typeName) {
        Class<?> type = load(object.getClass(), typeName);
        return type != null && type.isInstance(object);
    }

    /** A new {@code typeName(message)}, of the class of that name beside {@code near}'s class. */
    static Throwable newThrowable(Object near, String typeName, String message) {
        Class<?> type = load(near.getClass(), typeName);
        if (type == null || !Throwable.class.isAssignableFrom(type)) {
            throw new IllegalStateException(typeName + " is not visible beside " + near.getClass().getName());
        }
        try {
            return (Throwable) type.getConstructor(String.class).newInstance(message);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + typeName + ": " + e, e);
        }
    }

    private static Method find(Class<?> type, String typeName, String name, String[] parameterTypes) {
        Class<?> declaring = load(type, typeName);
        if (declaring == null) {
            throw new IllegalStateException(typeName + " is not visible beside " + type.getName());
        }
        for (Method method : declaring.getMethods()) {
            if (method.getName().equals(name) && parametersNamed(method, parameterTypes)) {
                return method;
            }
        }
        throw new IllegalStateException(typeName + " has no public " + name + "(" + String.join(",", parameterTypes) + ")");
    }

    private static boolean parametersNamed(Method method, String[] names) {
        Class<?>[] parameters = method.getParameterTypes();
        if (parameters.length != names.length) {
            return false;
        }
        for (int i = 0; i < names.length; i++) {
            if (!parameters[i].getName().equals(names[i])) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> load(Class<?> near, String typeName) {
        try {
            return Class.forName(typeName, false, near.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}
