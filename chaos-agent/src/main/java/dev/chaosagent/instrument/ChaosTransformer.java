package dev.chaosagent.instrument;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.rule.TargetPattern;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's one class file transformer, registered only while rules exist. It weaves the classes
 * the current {@link Targets} name and returns null for every other class, after a check of the
 * name alone (supertypes are read only when some target has {@code +}). It never throws: a class
 * it cannot weave is reported and defined as it was.
 */
final class ChaosTransformer implements ClassFileTransformer {

    private static final Logger log = LoggerFactory.getLogger("dev.chaosagent.instrument");

    private final Instrumentation instrumentation;
    private final ChaosEngine engine;
    private final Module dispatcherModule;
    private final BiConsumer<String, Throwable> failures;
    /** Classes that load while this thread weaves (the weaver's own, say) are left alone. */
    private final ThreadLocal<Boolean> weaving = new ThreadLocal<>();
    /** The loaded classes whose current bytecode this transformer wove; weak, so that a discarded loader's classes go. */
    private final Set<Class<?>> woven = Collections.newSetFromMap(new WeakHashMap<>());
    /** Whether it wove a class as it loaded: such a class is known by name only, so a restore must look for it. */
    private volatile boolean wovenAtLoad;
    private volatile Targets targets = Targets.NONE;

    ChaosTransformer(Instrumentation instrumentation, ChaosEngine engine, Module dispatcherModule, BiConsumer<String, Throwable> failures) {
        this.instrumentation = instrumentation;
        this.engine = engine;
        this.dispatcherModule = dispatcherModule;
        this.failures = failures;
    }

    void target(Targets next) {
        targets = next;
    }

    /**
     * Classes never woven: the forbidden ones, and those generated at run time to stand in front of
     * a class users wrote (lambdas, reflection and CGLIB proxies, Spring's, Hibernate's, Mockito's and
     * Byte Buddy's subclasses). Such a class delegates to the method a rule targets, and weaving both
     * would make one call two; an {@code @Async} proxy even hands the call to another thread.
     */
    static boolean isIgnored(String className) {
        return TargetPattern.isForbiddenClass(className) || TypeNames.isGenerated(className);
    }

    /**
     * The classes to retransform for the original bytecode once this transformer is removed, or null
     * when only a scan of the loaded classes can tell (it wove some class as it loaded). Without the
     * scan, {@code stopAll} retransforms at once what was woven, however many classes are loaded.
     */
    List<Class<?>> wovenClasses() {
        if (wovenAtLoad) {
            return null;
        }
        synchronized (woven) {
            return new ArrayList<>(woven);
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] classFile) {
        byte[] result = weaveIfTargeted(module, loader, internalName, classBeingRedefined, classFile);
        if (classBeingRedefined == null) {
            wovenAtLoad |= result != null;
        } else {
            synchronized (woven) {
                if (result != null) {
                    woven.add(classBeingRedefined);
                } else {
                    woven.remove(classBeingRedefined);
                }
            }
        }
        return result;
    }

    private byte[] weaveIfTargeted(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined, byte[] classFile) {
        if (internalName == null) {
            return null;
        }
        String className = internalName.replace('/', '.');
        Targets current = targets;
        if (!current.mayMatch(className) || weaving.get() != null || isIgnored(className)) {
            return null; // every class that loads passes here: a name check is all most of them cost
        }
        weaving.set(Boolean.TRUE);
        try {
            Supplier<Set<String>> supertypes = new Supplier<>() {
                private Set<String> names;

                @Override
                public Set<String> get() {
                    if (names == null) {
                        names = classBeingRedefined != null ? TypeNames.supertypes(classBeingRedefined) : TypeNames.supertypes(loader, classFile);
                    }
                    return names;
                }
            };
            if (!current.matchesType(className, supertypes)) {
                return null;
            }
            byte[] woven = AdviceWeaver.weave(classFile, className, loader, supertypes.get(), current, engine);
            if (woven != null) {
                readDispatcher(module);
                log.debug("instrumented {}", className);
            }
            return woven;
        } catch (Throwable failure) {
            failures.accept(className, failure);
            return null;
        } finally {
            weaving.remove();
        }
    }

    /** A class in a named module (the JDK's, say) can call the dispatcher only once its module reads the dispatcher's. */
    private void readDispatcher(Module module) {
        if (module != null && module.isNamed() && !module.canRead(dispatcherModule)) {
            instrumentation.redefineModule(module, Set.of(dispatcherModule), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }
}
