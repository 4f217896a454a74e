package dev.chaosagent.preset.kafka;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls kafka-clients' public API, which lives in the application's class loader and which the agent
 * never links against: methods looked up once per class, by name and parameter type names.
 */
final class KafkaApi {

    private static final ClassValue<ConcurrentHashMap<String, Method>> METHODS = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<String, Method> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private KafkaApi() {
    }

    /**
     * {@code receiver.name(arguments)}, a public method of its class with parameters of those types
     * (kafka-clients' class names, loaded beside the receiver). A failure of the method itself comes
     * out as the {@link InvocationTargetException} that carries it.
     */
    static Object call(Object receiver, String name, String[] parameterTypes, Object... arguments) throws InvocationTargetException {
        Class<?> type = receiver.getClass();
        Method method = METHODS.get(type).computeIfAbsent(name + String.join(",", parameterTypes), key -> find(type, name, parameterTypes));
        try {
            return method.invoke(receiver, arguments);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(method + " is not accessible", e);
        }
    }

    /** {@code receiver.name()}, a public method of its class; its own failure as an {@link IllegalStateException}. */
    static Object read(Object receiver, String name) {
        try {
            return call(receiver, name, new String[0]);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(receiver.getClass().getName() + "#" + name + " failed", e.getCause());
        }
    }

    /** A kafka-clients class, from the class loader of one of its objects. */
    static Class<?> load(Object near, String typeName) {
        try {
            return Class.forName(typeName, false, near.getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(typeName + " is not visible beside " + near.getClass().getName(), e);
        }
    }

    /**
     * The method as a public type declares it: a callback is often a lambda or a class the agent
     * may not call directly, but its interface's method it may.
     */
    private static Method find(Class<?> type, String name, String[] parameterTypeNames) {
        Class<?>[] parameterTypes = new Class<?>[parameterTypeNames.length];
        try {
            for (int i = 0; i < parameterTypes.length; i++) {
                parameterTypes[i] = Class.forName(parameterTypeNames[i], false, type.getClassLoader());
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(type.getName() + " does not see " + String.join(", ", parameterTypeNames), e);
        }
        Method declared = publicDeclaration(type, name, parameterTypes);
        if (declared == null) {
            throw new IllegalStateException(type.getName() + " has no public " + name + "(" + String.join(", ", parameterTypeNames) + ")");
        }
        return declared;
    }

    private static Method publicDeclaration(Class<?> type, String name, Class<?>[] parameterTypes) {
        if (type == null) {
            return null;
        }
        if (Modifier.isPublic(type.getModifiers())) {
            try {
                return type.getMethod(name, parameterTypes);
            } catch (NoSuchMethodException e) {
                return null;
            }
        }
        for (Class<?> implemented : type.getInterfaces()) {
            Method declared = publicDeclaration(implemented, name, parameterTypes);
            if (declared != null) {
                return declared;
            }
        }
        return publicDeclaration(type.getSuperclass(), name, parameterTypes);
    }
}
