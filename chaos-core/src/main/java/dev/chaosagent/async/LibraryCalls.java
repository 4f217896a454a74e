package dev.chaosagent.async;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Calls into the application's own asynchronous libraries, which the agent reaches only by reflection. */
final class LibraryCalls {

    private LibraryCalls() {
    }

    /** The method's result; its failure, or a refused access, as an {@link IllegalStateException} naming the library. */
    static Object invoke(String library, Method method, Object target, Object... arguments) {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(library + "'s " + method.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
