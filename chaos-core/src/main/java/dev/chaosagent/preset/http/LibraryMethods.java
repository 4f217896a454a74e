package dev.chaosagent.preset.http;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls the public API of a library the agent does not link against (its classes live in the
 * application's class loaders, which the agent's code cannot name): by the name of the public type
 * that declares the method, found among the receiver's supertypes, so that a non-public
 * implementation class (Jetty's request, OkHttp's {@code RealCall}) is called through its public
 * interface. Methods are looked up once per receiver class.
 */
public final class LibraryMethods {

    private static final ClassValue<ConcurrentHashMap<String, Method>> METHODS = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<String, Method> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private static final ClassValue<ConcurrentHashMap<String, Boolean>> SUBTYPES = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<String, Boolean> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private LibraryMethods() {
    }

    /** Whether the object's class is, or extends or implements, the type of that name. */
    public static boolean isA(Object object, String typeName) {
        return isA(object.getClass(), typeName);
    }

    /** Whether the class is, or extends or implements, the type of that name. */
    public static boolean isA(Class<?> type, String typeName) {
        return SUBTYPES.get(type).computeIfAbsent(typeName, name -> supertype(type, name) != null);
    }

    /** {@code receiver.name(arguments)}, declared by {@code typeName} with these parameter types. */
    public static Object call(Object receiver, String typeName, String name, Class<?>[] parameterTypes, Object... arguments) {
        Class<?> type = receiver.getClass();
        Method method = METHODS.get(type).computeIfAbsent(typeName + '#' + name + java.util.Arrays.toString(parameterTypes),
                key -> find(type, typeName, name, parameterTypes));
        return invoke(method, receiver, arguments);
    }

    /** {@code receiver.name()}, declared by {@code typeName}. */
    public static Object call(Object receiver, String typeName, String name) {
        return call(receiver, typeName, name, new Class<?>[0]);
    }

    /** A static method of a library class, looked up in the class loader of {@code near}. */
    public static Object callStatic(Object near, String typeName, String name, Class<?>[] parameterTypes, Object... arguments) {
        Class<?> type = load(near, typeName);
        Method method = METHODS.get(type).computeIfAbsent("static#" + name + java.util.Arrays.toString(parameterTypes), key -> {
            try {
                Method found = type.getDeclaredMethod(name, parameterTypes);
                found.setAccessible(true);
                return found;
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(typeName + " has no static " + name, e);
            }
        });
        return invoke(method, null, arguments);
    }

    /** A library class, from the class loader of an object of that library. */
    public static Class<?> load(Object near, String typeName) {
        try {
            return Class.forName(typeName, false, near.getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(typeName + " is not visible beside " + near.getClass().getName(), e);
        }
    }

    static Method find(Class<?> type, String typeName, String name, Class<?>[] parameterTypes) {
        Class<?> declaring = supertype(type, typeName);
        if (declaring == null) {
            throw new IllegalStateException(type.getName() + " is not a " + typeName);
        }
        try {
            return declaring.getMethod(name, parameterTypes);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(typeName + " has no " + name, e);
        }
    }

    private static Class<?> supertype(Class<?> type, String typeName) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            if (current.getName().equals(typeName)) {
                return current;
            }
            for (Class<?> implemented : current.getInterfaces()) {
                Class<?> found = supertype(implemented, typeName);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Object invoke(Method method, Object receiver, Object... arguments) {
        try {
            return method.invoke(receiver, arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(method + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(method + " is not accessible", e);
        }
    }
}
