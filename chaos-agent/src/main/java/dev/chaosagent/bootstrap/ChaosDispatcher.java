package dev.chaosagent.bootstrap;

/**
 * The only agent class that woven code calls. It lives on the bootstrap class path, so that code
 * woven into any class, JDK classes included, can see it; it does nothing until the agent fills
 * {@link #handler}. Kept tiny on purpose: everything here is loaded into the application's world
 * for good.
 *
 * <p>The advice woven into a targeted method calls {@link #enter} before the body and, when that
 * returned anything, {@link #exit} once the body has ended, at the one exit Byte Buddy builds after
 * it. {@link #enter} reads {@link #armedHandler} alone: with the master switch off or every rule disabled a
 * call costs one volatile read and a null check once the JIT has inlined it.
 */
public final class ChaosDispatcher {

    /**
     * Stands for {@code null} as the value a method returns, as {@link dev.chaosagent.fault.Fault#NULL_RESULT}
     * does in the engine, whose convention this class follows: a plain null means nothing to do.
     */
    public static final Object NULL_RESULT = new Object();

    private static volatile ChaosHandler handler;
    /** {@link #handler} while some rule can act, otherwise null: the one field a call reads first. */
    private static volatile ChaosHandler armedHandler;

    private ChaosDispatcher() {
    }

    public static synchronized void install(ChaosHandler newHandler) {
        handler = newHandler;
        if (armedHandler != null) {
            armedHandler = newHandler;
        }
    }

    /** Whether any rule can act now. */
    public static synchronized void arm(boolean canAct) {
        armedHandler = canAct ? handler : null;
    }

    /**
     * Null when no rule counts this call; a {@link Returning} when the body must not run; otherwise a
     * token for {@link #exit}. May throw the injected exception.
     */
    public static Object enter(int site) throws Throwable {
        ChaosHandler current = armedHandler;
        return current != null ? current.enter(site) : null;
    }

    /**
     * As {@link #enter(int)}, for a method some rule scopes by its parameters: those parameters, a
     * primitive as {@code long} bits and a reference as it is, in three slots (unused: 0 and null).
     */
    public static Object enter(int site, long bits0, Object object0, long bits1, Object object1, long bits2, Object object2)
            throws Throwable {
        ChaosHandler current = armedHandler;
        return current != null ? current.enter(site, bits0, object0, bits1, object1, bits2, object2) : null;
    }

    /**
     * As {@link #enter(int, long, Object, long, Object, long, Object)}, for a method a preset binds:
     * {@code operand} is what the preset reads of the operation (the receiver or a parameter).
     */
    public static Object enterOperation(int site, Object operand, long bits0, Object object0, long bits1, Object object1,
                                        long bits2, Object object2) throws Throwable {
        ChaosHandler current = armedHandler;
        return current != null ? current.enterOperation(site, operand, bits0, object0, bits1, object1, bits2, object2) : null;
    }

    /**
     * At the normal exit of a method a preset learns from ({@code Connection.prepareStatement}, say):
     * hands it the receiver, the returned value and the parameter it remembers. Never throws.
     */
    public static void remember(int recorder, Object receiver, Object returned, Object argument) {
        ChaosHandler current = handler;
        if (current != null) {
            current.remember(recorder, receiver, returned, argument);
        }
    }

    /**
     * Ends a call that {@link #enter} answered: null to keep what the method returns (or throws),
     * otherwise the value to return instead, {@link #NULL_RESULT} for null. May throw the injected
     * exception. Not guarded by {@link #arm}: every call that was opened is closed.
     */
    public static Object exit(Object entered, Throwable thrown) throws Throwable {
        if (entered instanceof Returning) {
            return ((Returning) entered).value;
        }
        ChaosHandler current = handler;
        return current != null ? current.exit(entered, thrown == null) : null;
    }

    /**
     * As {@link #enter(int)}, at a method whose declared return type is asynchronous
     * ({@code CompletionStage}, {@code Mono} ...): a fault on it acts on what the method returns.
     * {@code origin} is the class that declares the method, whose loader sees that type.
     */
    public static Object enterAsync(int site, Class<?> origin) throws Throwable {
        ChaosHandler current = armedHandler;
        return current != null ? current.enterAsync(site, origin) : null;
    }

    /** As {@link #enter(int, long, Object, long, Object, long, Object)}, at a method whose declared return type is asynchronous. */
    public static Object enterAsync(int site, long bits0, Object object0, long bits1, Object object1, long bits2, Object object2,
                                    Class<?> origin) throws Throwable {
        ChaosHandler current = armedHandler;
        return current != null ? current.enterAsync(site, bits0, object0, bits1, object1, bits2, object2, origin) : null;
    }

    /** As {@link #enterOperation}, at a method a preset binds whose declared return type is asynchronous. */
    public static Object enterAsyncOperation(int site, Object operand, long bits0, Object object0, long bits1, Object object1,
                                             long bits2, Object object2, Class<?> origin) throws Throwable {
        ChaosHandler current = armedHandler;
        return current != null
                ? current.enterAsyncOperation(site, operand, bits0, object0, bits1, object1, bits2, object2, origin) : null;
    }

    /** As {@link #exit}, at a method whose declared return type is asynchronous: the rules may act on what it returned. */
    public static Object exitAsync(Object entered, Throwable thrown, Object returned, Class<?> origin) throws Throwable {
        if (entered instanceof Returning) {
            return ((Returning) entered).value;
        }
        ChaosHandler current = handler;
        return current != null ? current.exitAsync(entered, thrown, returned, origin) : null;
    }

    /**
     * As {@link #enter(int)}, at a Kotlin suspend function, which the coroutine machinery enters
     * again with its own {@code continuation} each time its work resumes: one call is decided once.
     */
    public static Object enterSuspend(int site, Class<?> origin, Object continuation) throws Throwable {
        ChaosHandler current = armedHandler;
        return current != null ? current.enterSuspend(site, origin, continuation) : null;
    }

    /** As {@link #exit}, at a Kotlin suspend function: its call ends when it returns anything but {@code COROUTINE_SUSPENDED}. */
    public static Object exitSuspend(Object entered, Throwable thrown, Object returned, Class<?> origin) throws Throwable {
        if (entered instanceof Returning) {
            return ((Returning) entered).value;
        }
        ChaosHandler current = handler;
        return current != null ? current.exitSuspend(entered, thrown, returned, origin) : null;
    }

    /** The value a non-null {@link #exit} result stands for. */
    public static Object value(Object result) {
        return result == NULL_RESULT ? null : result;
    }

    /** The answer of {@link #enter} that skips the body: the method returns this value instead. */
    public static final class Returning {
        final Object value;

        /** @param value the value to return, {@link #NULL_RESULT} for null */
        public Returning(Object value) {
            this.value = value;
        }
    }
}
