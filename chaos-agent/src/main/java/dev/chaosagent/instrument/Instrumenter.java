package dev.chaosagent.instrument;

import dev.chaosagent.engine.AgentWork;
import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.engine.spi.SiteTable;
import dev.chaosagent.preset.Preset;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.rule.TargetPattern;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the bytecode in step with the rules: the methods that some rule targets carry the
 * dispatcher calls, everything else is as loaded. One {@link ChaosTransformer} serves while rules
 * exist; it consults the current {@link Targets}, so a change only has to retransform the classes
 * that were or will be targeted. When the last rule goes, the transformer is removed and those
 * classes are retransformed without it (the original bytecode is back), so an idle agent has no
 * transformer in the JVM at all.
 */
public final class Instrumenter {

    private static final Logger log = LoggerFactory.getLogger("dev.chaosagent.instrument");
    private static final int BATCH = 100;

    private final Instrumentation instrumentation;
    private final ChaosEngine engine;
    private final Set<String> reportedFailures = ConcurrentHashMap.newKeySet();
    private final Set<String> warnedUnmatched = new HashSet<>();
    private final Set<String> checkedPresets = new HashSet<>();
    private Targets targets = Targets.NONE;
    private ChaosTransformer transformer;
    /** Set once, under the lock; volatile so that the warm-up started by {@link #update()} does not wait for its lock. */
    private volatile Module dispatcherModule;
    private boolean warming;

    public Instrumenter(Instrumentation instrumentation, ChaosEngine engine) {
        this.instrumentation = instrumentation;
        this.engine = engine;
    }

    /**
     * Starts following the engine's rules. Until a rule exists nothing else happens: no transformer
     * and no class of the weaver is loaded, and the bootstrap class path is untouched (appending to it
     * costs the JVM its class-data sharing for application classes, and it says so on stderr).
     */
    public void start() {
        engine.addRuleSetListener(new Runnable() {
            @Override
            public void run() {
                update();
            }
        });
        update();
    }

    /** Brings the bytecode in line with the engine's current rules. */
    public synchronized void update() {
        Targets previous = targets;
        Targets next = Targets.of(engine.rules(), SiteTable.of(engine).observed());
        if (next.isEmpty()) {
            if (transformer != null) {
                restoreAll(previous);
            }
            targets = next;
            return;
        }
        if (transformer == null) {
            if (dispatcherModule == null && !linkDispatcher()) {
                return;
            }
            warmUp(); // the first weave comes next: the weaver loads beside the rest of this update
        }
        List<Class<?>> affected = loadedClassesMatching(previous, next);
        warnAboutUnmatched(next, affected);
        targets = next;
        if (transformer == null) {
            transformer = new ChaosTransformer(instrumentation, engine, dispatcherModule, new BiConsumer<String, Throwable>() {
                @Override
                public void accept(String className, Throwable failure) {
                    report(className, failure);
                }
            });
            instrumentation.addTransformer(transformer, true);
        }
        transformer.target(next);
        retransform(affected);
        reportUnboundPresets(next);
    }

    /**
     * A preset rule that bound no method, in a JVM where its library is not to be found, says so once:
     * a user who wrote {@code preset=jdbc} into a service without a database learns it at once.
     * A library that is there but not loaded yet is no news: the rule binds when its classes load.
     */
    private void reportUnboundPresets(Targets next) {
        List<String> current = new ArrayList<>();
        for (Rule rule : next.rules()) {
            if (rule.preset() == null) {
                continue;
            }
            current.add(rule.toSpec());
            if (!checkedPresets.add(rule.toSpec())) {
                continue;
            }
            try {
                if (engine.boundMethods(rule.name()).isEmpty() && !libraryPresent(rule.preset())) {
                    engine.presetUnbound(rule.name(), "rule " + rule.name() + ": preset " + rule.preset().name()
                            + " binds nothing in this JVM: " + rule.preset().library() + " is not on the class path (no "
                            + String.join(" or ", rule.preset().libraryMarkers()) + "); it will bind if one loads");
                }
            } catch (IllegalArgumentException removedMeanwhile) {
                // the rule went while the classes were woven: nothing to say about it
            }
        }
        checkedPresets.retainAll(current);
    }

    /** Whether some class loader of the application (or the system's) has one of the preset's marker resources. */
    private boolean libraryPresent(Preset preset) {
        Set<ClassLoader> loaders = new HashSet<>();
        loaders.add(ClassLoader.getSystemClassLoader());
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            ClassLoader loader = type.getClassLoader();
            if (loader != null) {
                loaders.add(loader);
            }
        }
        for (ClassLoader loader : loaders) {
            for (String marker : preset.libraryMarkers()) {
                try {
                    if (loader.getResource(marker) != null) {
                        return true;
                    }
                } catch (RuntimeException | LinkageError unreadable) {
                    // a loader that cannot answer does not have it, as far as we can tell
                }
            }
        }
        return false;
    }

    /**
     * Where a rule is about to come (an attach, or the first targets of an update), loads the weaver on a thread of
     * its own, so that the first weave does not pay for it: it may race that weave, never delay it.
     * Never called in an idle agent, which must load nothing of Byte Buddy.
     */
    public void warmUp() {
        synchronized (this) {
            if (warming) {
                return;
            }
            warming = true;
        }
        AgentWork.threads("warm-up").newThread(new Runnable() {
            @Override
            public void run() {
                long start = System.nanoTime();
                if (dispatcherModule == null) {
                    synchronized (Instrumenter.this) {
                        // The dispatcher first: weaving loads its classes, which must come from the bootstrap path.
                        if (dispatcherModule == null && !linkDispatcher()) {
                            return;
                        }
                    }
                }
                try {
                    AdviceWeaver.warmUp();
                    log.debug("weaver warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
                } catch (IOException | RuntimeException | LinkageError e) {
                    log.debug("weaver warm-up failed ({}); the first rule will load it", e.toString());
                }
            }
        }).start();
    }

    private boolean linkDispatcher() {
        try {
            BootstrapJar.install(instrumentation);
            dispatcherModule = DispatcherLink.connect(engine);
            return true;
        } catch (IOException | RuntimeException | LinkageError e) {
            log.error("cannot put the dispatcher on the bootstrap class path ({}); no rule can act", e.toString());
            return false;
        }
    }

    private void restoreAll(Targets previous) {
        // Removed first: a class that loads meanwhile is then either in the scan or not woven at all.
        instrumentation.removeTransformer(transformer);
        List<Class<?>> transformed = transformer.wovenClasses();
        if (transformed == null) {
            transformed = loadedClassesMatching(previous, Targets.NONE);
        }
        transformer = null;
        retransform(transformed);
        log.info("no rules left: original bytecode restored in {} classes", transformed.size());
    }

    /** A rule that matches no loaded class is not an error (the class may load later), but worth a line. */
    private void warnAboutUnmatched(Targets next, List<Class<?>> candidates) {
        for (Rule rule : next.rules()) {
            if (rule.preset() != null || !warnedUnmatched.add(rule.toSpec())) {
                continue;
            }
            TargetPattern target = rule.target();
            boolean matched = false;
            for (Class<?> type : candidates) {
                if (target.matchesType(type.getName(), TypeNames.supertypes(type))) {
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                log.warn("rule {}: no loaded class matches {} yet; it will apply when one loads", rule.name(), target);
            }
        }
        List<String> specs = new ArrayList<>();
        for (Rule rule : next.rules()) {
            specs.add(rule.toSpec());
        }
        warnedUnmatched.retainAll(specs);
    }

    /** The loaded, modifiable classes that either set of targets matches. */
    private List<Class<?>> loadedClassesMatching(Targets first, Targets second) {
        List<Class<?>> matching = new ArrayList<>();
        if (first.isEmpty() && second.isEmpty()) {
            return matching;
        }
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (type.isArray() || type.isPrimitive()) {
                continue;
            }
            // By name first: for most classes that is all it takes.
            String name = type.getName();
            if (!first.mayMatch(name) && !second.mayMatch(name)) {
                continue;
            }
            try {
                Supplier<Set<String>> supertypes = TypeNames.supertypesWhenAsked(type);
                if ((first.matchesType(name, supertypes) || second.matchesType(name, supertypes))
                        && !ChaosTransformer.isIgnored(name) && instrumentation.isModifiableClass(type)) {
                    matching.add(type);
                }
            } catch (LinkageError unresolvable) {
                // A class whose supertypes cannot be loaded cannot be a subtype we know of.
            }
        }
        return matching;
    }

    /**
     * Retransforms in batches; a batch that fails is retried class by class, so that one class that
     * cannot be transformed is reported by name and the others still change.
     */
    private void retransform(List<Class<?>> classes) {
        for (int from = 0; from < classes.size(); from += BATCH) {
            List<Class<?>> batch = classes.subList(from, Math.min(classes.size(), from + BATCH));
            try {
                instrumentation.retransformClasses(batch.toArray(new Class<?>[0]));
            } catch (Throwable batchFailure) {
                for (Class<?> type : batch) {
                    try {
                        instrumentation.retransformClasses(type);
                    } catch (Throwable failure) {
                        report(type.getName(), failure);
                    }
                }
            }
            if (from + BATCH < classes.size()) {
                // Retransformation stops the world: let the application breathe between batches.
                Thread.yield();
            }
        }
        if (!classes.isEmpty()) {
            log.debug("retransformed {} classes", classes.size());
        }
    }

    private void report(String className, Throwable failure) {
        if (reportedFailures.add(className)) {
            log.warn("cannot instrument {}: {}; its rules do not apply there, everything else goes on", className, failure.toString());
        }
    }
}
