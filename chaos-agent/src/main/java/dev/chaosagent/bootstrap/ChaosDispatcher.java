package dev.chaosagent.bootstrap;

/**
 * The only agent class that instrumented code calls. It lives on the bootstrap class path, so that
 * advice inlined into any class, JDK classes included, can see it; it does nothing until the agent
 * fills {@link #handler}. Kept tiny on purpose: everything here is loaded into the application's
 * world for good.
 */
public final class ChaosDispatcher {

    /** Returned when the call must return {@code null} (a plain null means "carry on"). */
    public static final Object NULL_RESULT = new Object();

    /**
     * Whether any rule can act now. Advice reads this first, so that with the master switch off or
     * every rule disabled a call costs one volatile read.
     */
    public static volatile boolean armed;

    private static volatile ChaosHandler handler;

    private ChaosDispatcher() {
    }

    public static void install(ChaosHandler newHandler) {
        handler = newHandler;
    }

    public static Object enter(int site) throws Throwable {
        ChaosHandler current = handler;
        return current == null ? null : current.enter(site);
    }

    public static Object exit(int site) throws Throwable {
        ChaosHandler current = handler;
        return current == null ? null : current.exit(site);
    }
}
