package dev.chaosagent.instrument;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.rule.TargetPattern;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
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

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] classFile) {
        if (internalName == null) {
            return null;
        }
        String className = internalName.replace('/', '.');
        Targets current = targets;
        if (!current.mayMatch(className) || weaving.get() != null) {
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
            if (!current.matchesType(className, supertypes) || isIgnored(className)) {
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
