package dev.chaosagent.bootstrap;

/**
 * The only agent class that instrumented code calls. It lives on the bootstrap class path, so that
 * code woven into any class, JDK classes included, can see it; it does nothing until the agent
 * fills {@link #handler}. Kept tiny on purpose: everything here is loaded into the application's
 * world for good.
 *
 * <p>Woven code calls {@link #enter} at a method's entry and, where a rule acts at exit, one
 * {@code exit} method per return type just before each return: the returned value goes in and the
 * value to return comes out, so the woven exit code has no branch (and needs no stack map frame).
 * Each method reads {@link #armed} first: with the master switch off or every rule disabled a call
 * costs one volatile read once the JIT has inlined it.
 */
public final class ChaosDispatcher {

    /** Returned when the call must return {@code null} (a plain null means "carry on"). */
    public static final Object NULL_RESULT = new Object();

    /** Whether any rule can act now. */
    public static volatile boolean armed;

    private static volatile ChaosHandler handler;

    private ChaosDispatcher() {
    }

    public static void install(ChaosHandler newHandler) {
        handler = newHandler;
    }

    /** Null to run the body; otherwise the value to return at once, {@link #NULL_RESULT} for null. May throw the injected exception. */
    public static Object enter(int site) throws Throwable {
        ChaosHandler current = handler;
        return armed && current != null ? current.enter(site) : null;
    }

    /** The value an {@link #enter} result stands for, for a method that returns a reference. */
    public static Object value(Object result) {
        return result == NULL_RESULT ? null : result;
    }

    private static Object exit(int site) throws Throwable {
        ChaosHandler current = handler;
        return armed && current != null ? current.exit(site) : null;
    }

    public static void exitVoid(int site) throws Throwable {
        exit(site);
    }

    public static Object exitObject(Object returned, int site) throws Throwable {
        Object result = exit(site);
        return result == null ? returned : value(result);
    }

    public static int exitInt(int returned, int site) throws Throwable {
        Object result = exit(site);
        return result == null ? returned : (Integer) result;
    }

    public static long exitLong(long returned, int site) throws Throwable {
        Object result = exit(site);
        return result == null ? returned : (Long) result;
    }

    public static boolean exitBoolean(boolean returned, int site) throws Throwable {
        Object result = exit(site);
        return result == null ? returned : (Boolean) result;
    }

    public static double exitDouble(double returned, int site) throws Throwable {
        Object result = exit(site);
        return result == null ? returned : (Double) result;
    }

    public static float exitFloat(float returned, int site) throws Throwable {
        Object result = exit(site);
        return result == null ? returned : (Float) result;
    }

    public static char exitChar(char returned, int site) throws Throwable {
        Object result = exit(site);
        return result == null ? returned : (Character) result;
    }

    public static byte exitByte(byte returned, int site) throws Throwable {
        Object result = exit(site);
        return result == null ? returned : (Byte) result;
    }

    public static short exitShort(short returned, int site) throws Throwable {
        Object result = exit(site);
        return result == null ? returned : (Short) result;
    }
}
