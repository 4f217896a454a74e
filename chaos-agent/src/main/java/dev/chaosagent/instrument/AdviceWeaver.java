package dev.chaosagent.instrument;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.engine.MethodSite;
import dev.chaosagent.rule.RuleParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * Weaves {@link CallAdvice} into the methods of one class that the targets name, with Byte Buddy,
 * registering each with the engine as a site. Only methods users wrote are woven: never a bridge,
 * a synthetic method (lambda bodies, Kotlin's {@code $default} stubs, accessors), a constructor or
 * an abstract or native method. The class format does not change, so a loaded class can be
 * retransformed, and retransformed back.
 *
 * <p>The first use loads Byte Buddy; nothing refers to this class until a class is to be woven.
 */
final class AdviceWeaver {

    private static final ByteBuddy BYTE_BUDDY = new ByteBuddy().with(TypeValidation.DISABLED);

    private AdviceWeaver() {
    }

    /** The woven class file, or null when no method of the class is targeted. */
    static byte[] weave(byte[] classFile, String className, ClassLoader loader, Set<String> supertypes,
                        Targets targets, ChaosEngine engine) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(className, classFile),
                ClassFileLocator.ForClassLoader.of(loader));
        TypeDescription type = TypePool.Default.WithLazyResolution.of(locator).describe(className).resolve();
        SiteIds sites = new SiteIds(className, supertypes, engine);
        byte[] woven = BYTE_BUDDY.decorate(type, locator)
                .visit(Advice.withCustomMapping().bind(Site.class, sites).to(CallAdvice.class)
                        .on(new Targeted(className, supertypes, targets)))
                .make()
                .getBytes();
        return sites.any ? woven : null;
    }

    /**
     * Weaves a JDK class once and throws the result away, so that the first rule finds Byte Buddy
     * loaded and its code run once. Sites go to an engine of their own, never the agent's.
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

    /** The methods of the class that some target names, among those users wrote. */
    private static final class Targeted implements ElementMatcher<MethodDescription> {
        private final String className;
        private final Set<String> supertypes;
        private final Targets targets;

        Targeted(String className, Set<String> supertypes, Targets targets) {
            this.className = className;
            this.supertypes = supertypes;
            this.targets = targets;
        }

        @Override
        public boolean matches(MethodDescription method) {
            return method.isMethod() && !method.isBridge() && !method.isSynthetic() && !method.isAbstract() && !method.isNative()
                    && targets.matchesMethod(className, supertypes, method.getInternalName(),
                    names(method.getParameters().asTypeList()));
        }
    }

    /** Registers each woven method with the engine; its id goes into the advice as a constant. */
    private static final class SiteIds implements Advice.OffsetMapping {
        private final String className;
        private final Set<String> supertypes;
        private final ChaosEngine engine;
        boolean any;

        SiteIds(String className, Set<String> supertypes, ChaosEngine engine) {
            this.className = className;
            this.supertypes = supertypes;
            this.engine = engine;
        }

        @Override
        public Target resolve(TypeDescription instrumentedType, MethodDescription method, Assigner assigner,
                              Advice.ArgumentHandler argumentHandler, Sort sort) {
            int id = engine.sites().register(new MethodSite(className, method.getInternalName(),
                    names(method.getParameters().asTypeList()), method.getReturnType().asErasure().getActualName(),
                    names(method.getExceptionTypes()), supertypes, TypeNames.isJdk(className)));
            any = true;
            return Target.ForStackManipulation.of(id);
        }
    }
}
