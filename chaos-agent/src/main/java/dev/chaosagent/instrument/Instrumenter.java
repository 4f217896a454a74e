package dev.chaosagent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;

import dev.chaosagent.bootstrap.ChaosDispatcher;
import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.rule.TargetPattern;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.AgentBuilder.RedefinitionStrategy;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the bytecode in step with the rules: the methods that some rule targets carry the advice,
 * everything else is as loaded. One transformer serves while rules exist; it consults the current
 * {@link Targets}, so a change only has to retransform the classes that were or will be targeted.
 * When the last rule goes, the transformer is reset (the original bytecode is back) and dropped,
 * so an idle agent has no transformer in the JVM at all.
 */
public final class Instrumenter {

    private static final Logger log = LoggerFactory.getLogger("dev.chaosagent.instrument");
    private static final int BATCH = 100;

    private final Instrumentation instrumentation;
    private final ChaosEngine engine;
    private final Set<String> reportedFailures = ConcurrentHashMap.newKeySet();
    private volatile Targets targets = Targets.NONE;
    private ResettableClassFileTransformer transformer;
    private boolean dispatcherLinked;
    private final Set<String> warnedUnmatched = new java.util.HashSet<>();

    public Instrumenter(Instrumentation instrumentation, ChaosEngine engine) {
        this.instrumentation = instrumentation;
        this.engine = engine;
    }

    /**
     * Starts following the engine's rules. Until a rule exists nothing else happens: no Byte Buddy
     * class is loaded and the bootstrap class path is untouched (appending to it costs the JVM its
     * class-data sharing for application classes, and it says so on stderr).
     */
    public void start() {
        engine.addRuleSetListener(this::update);
        update();
    }

    /** Brings the bytecode in line with the engine's current rules. */
    public synchronized void update() {
        Targets previous = targets;
        Targets next = Targets.of(engine.rules());
        if (next.isEmpty()) {
            if (transformer != null) {
                restoreAll(previous);
            }
            targets = next;
            return;
        }
        List<Class<?>> affected = loadedClassesMatching(previous, next);
        warnAboutUnmatched(next, affected);
        targets = next;
        if (transformer == null) {
            if (!dispatcherLinked && !linkDispatcher()) {
                return;
            }
            transformer = newAgentBuilder().installOn(instrumentation);
        }
        retransform(affected);
    }

    private boolean linkDispatcher() {
        try {
            BootstrapJar.install(instrumentation);
            DispatcherLink.connect(engine);
            dispatcherLinked = true;
            return true;
        } catch (IOException | RuntimeException | LinkageError e) {
            log.error("cannot put the dispatcher on the bootstrap class path ({}); no rule can act", e.toString());
            return false;
        }
    }

    private void restoreAll(Targets previous) {
        List<Class<?>> transformed = loadedClassesMatching(previous, Targets.NONE);
        // reset() asks the transformer's own matchers which classes to restore: targets must still be the old ones.
        transformer.reset(instrumentation, RedefinitionStrategy.RETRANSFORMATION,
                new RedefinitionStrategy.DiscoveryStrategy.Explicit(new java.util.HashSet<>(transformed)),
                RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(BATCH),
                new RetransformFailureListener());
        transformer = null;
        log.info("no rules left: original bytecode restored in {} classes", transformed.size());
    }

    private AgentBuilder newAgentBuilder() {
        Advice.WithCustomMapping returning = Advice.withCustomMapping().bind(SiteId.class, new SiteIdMapping(engine, true));
        Advice.WithCustomMapping entryOnly = Advice.withCustomMapping().bind(SiteId.class, new SiteIdMapping(engine, false));
        Advice entryAdvice = entryOnly.to(EntryAdvice.class);
        Advice voidEntryAdvice = returning.to(VoidEntryAdvice.class);
        Advice valueAdvice = returning.to(ValueMethodAdvice.class);
        Advice voidAdvice = returning.to(VoidMethodAdvice.class);
        return new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(RedefinitionStrategy.RETRANSFORMATION)
                // Classes are retransformed by update(), which knows which ones changed.
                .with(new RedefinitionStrategy.DiscoveryStrategy.Explicit())
                .with(new TransformFailureListener())
                .assureReadEdgeTo(instrumentation, ChaosDispatcher.class)
                .ignore((type, loader, module, classBeingRedefined, domain) -> isIgnored(type.getName()))
                .type(this::isTargeted)
                // Exit advice only where a rule needs it: every call of the others is cheaper.
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(voidEntryAdvice.on(targetedMethods(type, false).and(returns(void.class))))
                        .visit(entryAdvice.on(targetedMethods(type, false).and(not(returns(void.class)))))
                        .visit(voidAdvice.on(targetedMethods(type, true).and(returns(void.class))))
                        .visit(valueAdvice.on(targetedMethods(type, true).and(not(returns(void.class))))));
    }

    private static boolean isIgnored(String name) {
        return TargetPattern.isForbiddenClass(name) || name.contains("$$Lambda") || name.contains("$ByteBuddy$");
    }

    private boolean isTargeted(TypeDescription type, ClassLoader loader, JavaModule module, Class<?> classBeingRedefined,
                               ProtectionDomain domain) {
        Targets current = targets;
        if (classBeingRedefined != null) {
            return current.matchesType(type.getName(), () -> TypeNames.supertypes(classBeingRedefined));
        }
        return current.matchesType(type.getName(), () -> TypeNames.supertypes(type));
    }

    /** The methods of {@code type} that some rule targets, with or without a need for exit advice. */
    private ElementMatcher.Junction<MethodDescription> targetedMethods(TypeDescription type, boolean withExit) {
        Targets current = targets;
        String name = type.getName();
        Set<String> supertypes = TypeNames.supertypes(type);
        return isMethod().and(not(isAbstract())).and(not(isNative())).and(method -> {
            List<String> parameters = method.getParameters().asTypeList().asErasures().stream().map(TypeDescription::getActualName).toList();
            return current.matchesMethod(name, supertypes, method.getInternalName(), parameters)
                    && withExit == current.needsExit(name, supertypes, method.getInternalName(), parameters,
                    method.getReturnType().represents(void.class));
        });
    }

    /** A rule that matches no loaded class is not an error (the class may load later), but worth a line. */
    private void warnAboutUnmatched(Targets next, List<Class<?>> candidates) {
        for (Rule rule : next.rules()) {
            if (!warnedUnmatched.add(rule.toSpec())) {
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
        warnedUnmatched.retainAll(next.rules().stream().map(Rule::toSpec).toList());
    }

    /** The loaded, modifiable classes that either set of targets matches. */
    private List<Class<?>> loadedClassesMatching(Targets first, Targets second) {
        List<Class<?>> matching = new ArrayList<>();
        if (first.isEmpty() && second.isEmpty()) {
            return matching;
        }
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (type.isArray() || type.isPrimitive() || isIgnored(type.getName()) || !instrumentation.isModifiableClass(type)) {
                continue;
            }
            try {
                if (first.matchesType(type.getName(), () -> TypeNames.supertypes(type))
                        || second.matchesType(type.getName(), () -> TypeNames.supertypes(type))) {
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

    /** Byte Buddy drops transformation errors by default: count and report each class once. */
    private final class TransformFailureListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable throwable) {
            report(typeName, throwable);
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader classLoader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            log.debug("instrumented {}", type.getName());
        }
    }

    private final class RetransformFailureListener extends RedefinitionStrategy.Listener.Adapter {
        @Override
        public Iterable<? extends List<Class<?>>> onError(int index, List<Class<?>> batch, Throwable throwable, List<Class<?>> types) {
            for (Class<?> type : batch) {
                report(type.getName(), throwable);
            }
            return List.of();
        }
    }
}
