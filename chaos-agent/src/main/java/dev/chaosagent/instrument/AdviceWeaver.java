package dev.chaosagent.instrument;

import dev.chaosagent.async.AsyncKind;
import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.engine.spi.SiteTable;
import dev.chaosagent.engine.spi.WovenMethod;
import dev.chaosagent.preset.Operand;
import dev.chaosagent.preset.Presets;
import dev.chaosagent.preset.Recorder;
import dev.chaosagent.rule.RuleParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.AsmClassWriter;

/**
 * Weaves {@link CallAdvice} into the methods of one class that the targets name, with Byte Buddy
 * (with {@link ScopedCallAdvice}'s entry where a rule names the method's parameters,
 * {@link AsyncCallAdvice} where the method returns an asynchronous type, and {@link PresetCallAdvice}'s
 * or {@link PresetAsyncCallAdvice}'s entry where a preset binds the method), registering
 * each with the engine as a site. Only methods users wrote are woven: never a bridge,
 * a synthetic method (lambda bodies, Kotlin's {@code $default} stubs, accessors), a constructor or
 * an abstract or native method. The class format does not change, so a loaded class can be
 * retransformed, and retransformed back.
 *
 * <p>The first use loads Byte Buddy; nothing refers to this class until a class is to be woven.
 */
final class AdviceWeaver {

    /** Where the advice classes' class files are read, once, as the advice below is parsed. */
    private static final ClassFileLocator ADVICE = ClassFileLocator.ForClassLoader.of(AdviceWeaver.class.getClassLoader());

    /**
     * The class this thread weaves. The advice below is parsed once for every weave (parsing it and
     * building its bindings cost more than weaving a small class); what it binds differs per class
     * and method, so its bindings read it from here as each method is woven.
     */
    private static final ThreadLocal<SiteIds> CURRENT = new ThreadLocal<>();

    private static final Advice.OffsetMapping SITE_ID = new Advice.OffsetMapping() {
        @Override
        public Target resolve(TypeDescription instrumentedType, MethodDescription method, Assigner assigner,
                              Advice.ArgumentHandler argumentHandler, Sort sort) {
            return Target.ForStackManipulation.of(CURRENT.get().register(method));
        }
    };
    private static final Advice.OffsetMapping RECORDER_ID = new Advice.OffsetMapping() {
        @Override
        public Target resolve(TypeDescription instrumentedType, MethodDescription method, Assigner assigner,
                              Advice.ArgumentHandler argumentHandler, Sort sort) {
            return Target.ForStackManipulation.of(CURRENT.get().recorderId(method));
        }
    };
    private static final Advice.WithCustomMapping CALLS = Advice.withCustomMapping().bind(SiteId.class, SITE_ID)
            .bind(new PassedArguments(new Function<MethodDescription, List<Integer>>() {
                @Override
                public List<Integer> apply(MethodDescription method) {
                    return CURRENT.get().targeted.apply(method);
                }
            }))
            .bind(Continuation.class, Continuation.MAPPING);
    private static final Advice.WithCustomMapping PRESET_CALLS = CALLS.bind(new OperandArguments(new ToIntFunction<MethodDescription>() {
        @Override
        public int applyAsInt(MethodDescription method) {
            return CURRENT.get().targeted.operand(method);
        }
    }));
    private static final Advice.WithCustomMapping RECORDS = Advice.withCustomMapping().bind(RecorderId.class, RECORDER_ID)
            .bind(new OperandArguments(new ToIntFunction<MethodDescription>() {
                @Override
                public int applyAsInt(MethodDescription method) {
                    return CURRENT.get().targeted.recorder(method).value().index(names(method.getParameters().asTypeList()));
                }
            }));

    /**
     * The advice for each kind of woven method, parsed the first time a class has a method of that
     * kind: in a cold JVM each parse costs milliseconds on the first weave's path, and most JVMs
     * weave one or two kinds.
     */
    private enum Kind {
        CALL(CALLS, CallAdvice.class, null),
        SCOPED_CALL(CALLS, ScopedCallAdvice.class, CallAdvice.class),
        ASYNC_CALL(CALLS, AsyncCallAdvice.class, null),
        SCOPED_ASYNC_CALL(CALLS, ScopedAsyncCallAdvice.class, AsyncCallAdvice.class),
        SUSPEND_CALL(CALLS, SuspendCallAdvice.class, null),
        PRESET_CALL(PRESET_CALLS, PresetCallAdvice.class, CallAdvice.class),
        PRESET_ASYNC_CALL(PRESET_CALLS, PresetAsyncCallAdvice.class, AsyncCallAdvice.class),
        RECORD(RECORDS, RecordAdvice.class, null);

        private final Advice.WithCustomMapping mapping;
        private final Class<?> enter;
        /** The class of the exit advice, when it is not {@link #enter}'s. */
        private final Class<?> exit;
        private Advice parsed;

        Kind(Advice.WithCustomMapping mapping, Class<?> enter, Class<?> exit) {
            this.mapping = mapping;
            this.enter = enter;
            this.exit = exit;
        }

        /** Adds this advice for the methods of the class that the matcher takes, if there is one. */
        void addTo(List<AsmVisitorWrapper> wrappers, TypeDescription type, ElementMatcher<MethodDescription> methods) {
            for (MethodDescription method : type.getDeclaredMethods()) {
                if (methods.matches(method)) {
                    wrappers.add(advice().on(methods));
                    return;
                }
            }
        }

        private synchronized Advice advice() {
            if (parsed == null) {
                parsed = exit == null ? mapping.to(enter, ADVICE) : mapping.to(enter, exit, ADVICE);
            }
            return parsed;
        }
    }

    private AdviceWeaver() {
    }

    /** The woven class file, or null when no method of the class is targeted. */
    static byte[] weave(byte[] classFile, String className, ClassLoader loader, Set<String> supertypes,
                        Targets targets, ChaosEngine engine) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(className, classFile),
                ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = TypePool.Default.WithLazyResolution.of(locator);
        TypeDescription type = pool.describe(className).resolve();
        try {
            return weave(classFile, type, pool, supertypes, targets, engine, false);
        } catch (IllegalStateException inconsistentFrames) {
            // groovyc writes stack map frames that Advice cannot carry over; ASM then computes them
            // afresh, resolving common supertypes through the pool (class files, never loaded classes).
            return weave(classFile, type, pool, supertypes, targets, engine, true);
        }
    }

    /**
     * Applies the advice as Byte Buddy's {@code decorate()} would, on ASM's reader and writer
     * directly: the class keeps its shape, so none of Byte Buddy's type-building machinery is
     * needed (it was most of the classes the first weave loaded), and the methods left alone are
     * copied as they are.
     */
    private static byte[] weave(byte[] classFile, TypeDescription type, TypePool pool, Set<String> supertypes,
                                Targets targets, ChaosEngine engine, boolean computeFrames) {
        Targeted targeted = new Targeted(type.getName(), supertypes, targets);
        SiteIds siteIds = new SiteIds(type.getName(), supertypes, engine, targeted);
        List<AsmVisitorWrapper> wrappers = new ArrayList<>();
        Kind.CALL.addTo(wrappers, type, targeted.passing(false, false));
        Kind.SCOPED_CALL.addTo(wrappers, type, targeted.passing(true, false));
        Kind.ASYNC_CALL.addTo(wrappers, type, targeted.passing(false, true));
        Kind.SCOPED_ASYNC_CALL.addTo(wrappers, type, targeted.passing(true, true));
        Kind.SUSPEND_CALL.addTo(wrappers, type, targeted.suspendFunctions());
        Kind.PRESET_CALL.addTo(wrappers, type, targeted.presetBound(false));
        Kind.PRESET_ASYNC_CALL.addTo(wrappers, type, targeted.presetBound(true));
        Kind.RECORD.addTo(wrappers, type, targeted.recording());
        if (wrappers.isEmpty()) {
            return null;
        }
        if (computeFrames) {
            wrappers.add(new AsmVisitorWrapper.ForDeclaredMethods().writerFlags(ClassWriter.COMPUTE_FRAMES).readerFlags(ClassReader.SKIP_FRAMES));
        }
        AsmVisitorWrapper wrapper = new AsmVisitorWrapper.Compound(wrappers);
        int writerFlags = wrapper.mergeWriter(AsmVisitorWrapper.NO_FLAGS);
        int readerFlags = wrapper.mergeReader(AsmVisitorWrapper.NO_FLAGS);
        ClassFileVersion version = ClassFileVersion.ofClassFile(classFile);
        Implementation.Context context = new Implementation.Context.Disabled(type, version,
                (writerFlags & ClassWriter.COMPUTE_FRAMES) != 0 || version.isLessThan(ClassFileVersion.JAVA_V6)
                        ? Implementation.Context.FrameGeneration.DISABLED : Implementation.Context.FrameGeneration.GENERATE) {
        };
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new AsmClassWriter.FrameComputingClassWriter(reader, writerFlags, pool);
        CURRENT.set(siteIds); // never nested: ChaosTransformer leaves alone the classes that load while its thread weaves
        try {
            reader.accept(wrapper.wrap(type, writer, context, pool, type.getDeclaredFields(), type.getDeclaredMethods(), writerFlags, readerFlags),
                    readerFlags);
        } finally {
            CURRENT.remove();
        }
        return siteIds.any ? writer.toByteArray() : null;
    }

    /**
     * Weaves a JDK class once and throws the result away, so that the first rule finds Byte Buddy
     * loaded and its code run once. Its woven methods go to an engine of their own, never the agent's.
     */
    static void warmUp() throws IOException {
        String className = "java.util.concurrent.atomic.AtomicInteger";
        byte[] classFile;
        try (InputStream in = ClassLoader.getSystemResourceAsStream(className.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new IOException("no class file for " + className);
            }
            classFile = in.readAllBytes();
        }
        Targets targets = Targets.of(List.of(RuleParser.forCurrentThread().parse("target=" + className + "#get latency=0ms")));
        weave(classFile, className, null, TypeNames.supertypes(AtomicInteger.class), targets, ChaosEngine.create());
    }

    private static List<String> names(List<? extends TypeDefinition> types) {
        List<String> names = new ArrayList<>(types.size());
        for (TypeDefinition type : types) {
            names.add(type.asErasure().getActualName());
        }
        return names;
    }

    /** The methods of the class that some target names, among those users wrote, and the parameters each passes. */
    private static final class Targeted implements Function<MethodDescription, List<Integer>> {
        private final String className;
        private final Set<String> supertypes;
        private final Targets targets;

        Targeted(String className, Set<String> supertypes, Targets targets) {
            this.className = className;
            this.supertypes = supertypes;
            this.targets = targets;
        }

        boolean matches(MethodDescription method) {
            return isWritten(method) && targets.matchesMethod(className, supertypes, method.getInternalName(),
                    names(method.getParameters().asTypeList()));
        }

        private static boolean isWritten(MethodDescription method) {
            return method.isMethod() && !method.isBridge() && !method.isSynthetic() && !method.isAbstract() && !method.isNative();
        }

        /** The parameters the method's woven code passes for the {@code argN} scope keys. */
        @Override
        public List<Integer> apply(MethodDescription method) {
            return targets.passedArguments(className, supertypes, method.getInternalName(), names(method.getParameters().asTypeList()));
        }

        /** The operand's index where a preset binds the method, or null. */
        Integer operandOrNull(MethodDescription method) {
            return targets.operand(className, supertypes, method.getInternalName(), names(method.getParameters().asTypeList()));
        }

        int operand(MethodDescription method) {
            Integer index = operandOrNull(method);
            return index == null ? Operand.NONE : index;
        }

        Recorder recorder(MethodDescription method) {
            return targets.recorder(className, supertypes, method.getInternalName(), names(method.getParameters().asTypeList()));
        }

        /** The targeted methods a preset binds, which pass its operand: those that return a future or a publisher, or the others. */
        ElementMatcher<MethodDescription> presetBound(boolean futureOrPublisher) {
            return new ElementMatcher<>() {
                @Override
                public boolean matches(MethodDescription method) {
                    return Targeted.this.matches(method) && operandOrNull(method) != null && isFutureOrPublisher(method) == futureOrPublisher;
                }
            };
        }

        /** The methods a preset's recorder learns from, among those users wrote. */
        ElementMatcher<MethodDescription> recording() {
            return new ElementMatcher<>() {
                @Override
                public boolean matches(MethodDescription method) {
                    return isWritten(method) && recorder(method) != null;
                }
            };
        }

        /**
         * The targeted methods that pass parameters, or those that pass none; among them, those
         * that return a future or a publisher, or the synchronous ones.
         */
        ElementMatcher<MethodDescription> passing(boolean parameters, boolean futureOrPublisher) {
            return new ElementMatcher<>() {
                @Override
                public boolean matches(MethodDescription method) {
                    return Targeted.this.matches(method) && operandOrNull(method) == null && apply(method).isEmpty() != parameters
                            && (futureOrPublisher ? isFutureOrPublisher(method) : kindOf(method) == null);
                }
            };
        }

        /** The targeted Kotlin suspend functions; their parameters are not passed for {@code argN}, as a resumption has none of its own. */
        ElementMatcher<MethodDescription> suspendFunctions() {
            return new ElementMatcher<>() {
                @Override
                public boolean matches(MethodDescription method) {
                    return Targeted.this.matches(method) && operandOrNull(method) == null && kindOf(method) == AsyncKind.SUSPEND;
                }
            };
        }

        private static boolean isFutureOrPublisher(MethodDescription method) {
            AsyncKind async = kindOf(method);
            return async != null && async != AsyncKind.SUSPEND;
        }

        private static AsyncKind kindOf(MethodDescription method) {
            return AsyncKind.of(method.getReturnType().asErasure().getActualName(), names(method.getParameters().asTypeList()));
        }
    }

    /** Registers each woven method with the engine; its id goes into the advice as a constant. */
    private static final class SiteIds {
        private final String className;
        private final Set<String> supertypes;
        private final ChaosEngine engine;
        final Targeted targeted;
        /** Whether some method was woven: the class counts as woven. */
        boolean any;

        SiteIds(String className, Set<String> supertypes, ChaosEngine engine, Targeted targeted) {
            this.className = className;
            this.supertypes = supertypes;
            this.engine = engine;
            this.targeted = targeted;
        }

        int register(MethodDescription method) {
            any = true;
            return SiteTable.of(engine).register(new WovenMethod(className, method.getInternalName(),
                    names(method.getParameters().asTypeList()), method.getReturnType().asErasure().getActualName(),
                    names(method.getExceptionTypes()), supertypes, TypeNames.isJdk(className), targeted.apply(method)));
        }

        /** The number of a woven method's recorder. */
        int recorderId(MethodDescription method) {
            any = true;
            return Presets.recorderId(targeted.recorder(method));
        }
    }
}
