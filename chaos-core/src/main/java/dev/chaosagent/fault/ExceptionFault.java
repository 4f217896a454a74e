package dev.chaosagent.fault;

import dev.chaosagent.rule.InvalidRuleException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code exception=java.io.IOException message="chaos: reset"}: the call throws a new instance,
 * built by the type's (String) constructor, or its no-arg one when it has no (String) one.
 */
public final class ExceptionFault implements Fault {

    static final String DEFAULT_MESSAGE = "injected by chaos-agent";

    private final Class<? extends Throwable> type;
    private final String message;
    private final Constructor<? extends Throwable> withMessage;
    private final Constructor<? extends Throwable> noArgs;
    private final List<String> typeAndSupertypes;

    private ExceptionFault(Class<? extends Throwable> type, String message,
                           Constructor<? extends Throwable> withMessage, Constructor<? extends Throwable> noArgs) {
        this.type = type;
        this.message = message;
        this.withMessage = withMessage;
        this.noArgs = noArgs;
        List<String> names = new ArrayList<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            names.add(c.getName());
        }
        this.typeAndSupertypes = List.copyOf(names);
    }

    /** Loads and checks the type; {@code message} may be null. */
    public static ExceptionFault of(String typeName, String message, ClassLoader loader) {
        Class<?> loaded;
        try {
            loaded = Class.forName(typeName.trim(), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new InvalidRuleException("exception", typeName,
                    "cannot be loaded (expected a Throwable class on the application's class path, like java.io.IOException)");
        }
        if (!Throwable.class.isAssignableFrom(loaded)) {
            throw new InvalidRuleException("exception", typeName, "is not a concrete Throwable class (expected like java.io.IOException)");
        }
        return of(loaded.asSubclass(Throwable.class), message);
    }

    /** Checks the type; {@code message} may be null. */
    public static ExceptionFault of(Class<? extends Throwable> type, String message) {
        if (Modifier.isAbstract(type.getModifiers())) {
            throw new InvalidRuleException("exception", type.getName(), "is not a concrete Throwable class (expected like java.io.IOException)");
        }
        Constructor<? extends Throwable> withMessage = publicConstructor(type, String.class);
        Constructor<? extends Throwable> noArgs = publicConstructor(type);
        if (withMessage == null && noArgs == null) {
            throw new InvalidRuleException("exception", type.getName(),
                    "has neither a public (String) nor a public no-arg constructor (expected an exception chaos-agent can build)");
        }
        return new ExceptionFault(type, message, withMessage, noArgs);
    }

    private static Constructor<? extends Throwable> publicConstructor(Class<? extends Throwable> type, Class<?>... parameters) {
        try {
            Constructor<? extends Throwable> constructor = type.getConstructor(parameters);
            return Modifier.isPublic(type.getModifiers()) ? constructor : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    public Class<? extends Throwable> type() {
        return type;
    }

    /** The message given by the rule, or null. */
    public String message() {
        return message;
    }

    /** Checked exceptions can only be thrown from methods that declare them (or a supertype). */
    public boolean isChecked() {
        return !RuntimeException.class.isAssignableFrom(type) && !Error.class.isAssignableFrom(type);
    }

    /** Whether a method declaring these exception types (binary names) may throw this fault's type. */
    public boolean isDeclaredBy(List<String> declaredExceptions) {
        if (!isChecked()) {
            return true;
        }
        for (String declared : declaredExceptions) {
            if (typeAndSupertypes.contains(declared)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String key() {
        return "exception";
    }

    @Override
    public String value() {
        return type.getName();
    }

    @Override
    public boolean entryOnly() {
        return false;
    }

    @Override
    public Object inject(FaultContext context, long n) throws Throwable {
        throw newThrowable();
    }

    /** A fresh instance, so that each injected exception has the stack trace of its own call. */
    public Throwable newThrowable() {
        try {
            if (withMessage != null) {
                return withMessage.newInstance(message == null ? DEFAULT_MESSAGE : message);
            }
            return noArgs.newInstance();
        } catch (InvocationTargetException e) {
            throw new FaultFailedException("the constructor of " + type.getName() + " threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new FaultFailedException("cannot build " + type.getName() + ": " + e, e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExceptionFault other && other.type == type && Objects.equals(other.message, message);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Objects.hashCode(message);
    }

    @Override
    public String toString() {
        return "exception=" + type.getName() + (message == null ? "" : " message=\"" + message + '"');
    }
}
