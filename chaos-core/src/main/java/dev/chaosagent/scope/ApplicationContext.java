package dev.chaosagent.scope;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Reads the application's own request context: its OpenTelemetry baggage and its SLF4J MDC, through
 * the classes the application loaded (found by the calling thread's context class loader), never
 * the agent's copies, and with no compile-time tie to either library. A library the application
 * does not have reads as no entry.
 */
final class ApplicationContext {

    // Built at run time: the agent jar relocates org.slf4j, and a literal name would be relocated too.
    private static final String MDC = String.join(".", "org", "slf4j", "MDC");
    private static final String BAGGAGE = String.join(".", "io", "opentelemetry", "api", "baggage", "Baggage");

    /** Per class loader; the lookups hold the loader's classes, so they are held weakly. */
    private static final Map<ClassLoader, WeakReference<Lookups>> BY_LOADER = new WeakHashMap<>();
    /** The last loader's lookups, for the common case of one application class loader. */
    private static volatile Lookups last;

    private ApplicationContext() {
    }

    static String baggage(String entry) {
        Lookups lookups = lookups();
        if (lookups.currentBaggage == null) {
            return null;
        }
        try {
            return (String) lookups.entryValue.invoke(lookups.currentBaggage.invoke(), entry);
        } catch (Throwable failure) {
            return null; // the application's library failed: no entry, no harm
        }
    }

    static String mdc(String key) {
        Lookups lookups = lookups();
        if (lookups.mdcGet == null) {
            return null;
        }
        try {
            return (String) lookups.mdcGet.invoke(key);
        } catch (Throwable failure) {
            return null;
        }
    }

    private static Lookups lookups() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ClassLoader.getSystemClassLoader();
        }
        Lookups cached = last;
        if (cached != null && cached.loader.get() == loader) {
            return cached;
        }
        synchronized (BY_LOADER) {
            WeakReference<Lookups> known = BY_LOADER.get(loader);
            Lookups lookups = known == null ? null : known.get();
            if (lookups == null) {
                lookups = new Lookups(loader);
                BY_LOADER.put(loader, new WeakReference<>(lookups));
            }
            last = lookups;
            return lookups;
        }
    }

    private static final class Lookups {
        final WeakReference<ClassLoader> loader;
        final MethodHandle currentBaggage;
        final MethodHandle entryValue;
        final MethodHandle mdcGet;

        Lookups(ClassLoader loader) {
            this.loader = new WeakReference<>(loader);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle current = null;
            MethodHandle value = null;
            MethodHandle get = null;
            try {
                Class<?> baggage = Class.forName(BAGGAGE, false, loader);
                current = lookup.findStatic(baggage, "current", MethodType.methodType(baggage));
                value = lookup.findVirtual(baggage, "getEntryValue", MethodType.methodType(String.class, String.class));
            } catch (ReflectiveOperationException | LinkageError absent) {
                current = null;
                value = null;
            }
            try {
                get = lookup.findStatic(Class.forName(MDC, false, loader), "get", MethodType.methodType(String.class, String.class));
            } catch (ReflectiveOperationException | LinkageError absent) {
                get = null;
            }
            this.currentBaggage = current;
            this.entryValue = value;
            this.mdcGet = get;
        }
    }
}
