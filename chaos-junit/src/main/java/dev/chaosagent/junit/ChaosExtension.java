package dev.chaosagent.junit;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.rule.Rule;
import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Chaos for JUnit 5: the rules of {@link ChaosRule}, {@link InjectLatency} and
 * {@link InjectException} on a class live for its tests, on a method for that test; a
 * {@link ChaosControl} parameter adds more. Everything a test added is removed when it ends, pass or
 * fail, before the next one starts (each scope is a {@link RuleScope} in the
 * {@code ExtensionContext.Store}, which JUnit closes). Uses the agent when the JVM has it, loads it
 * otherwise.
 */
public final class ChaosExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver, TestExecutionExceptionHandler {

    /** The lock that {@link EnableChaos} takes, so that chaos tests never overlap. */
    public static final String RESOURCE_LOCK = "dev.chaosagent.chaos";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ChaosExtension.class);
    private static final String SCOPE = "scope";

    @Override
    public void beforeAll(ExtensionContext context) {
        openScope(context, context.getRequiredTestClass());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        openScope(context, context.getRequiredTestMethod());
    }

    private RuleScope openScope(ExtensionContext context, AnnotatedElement element) {
        ChaosEngine engine = AgentLocator.engine();
        RuleScope scope = new RuleScope(engine, seedFor(context, element));
        context.getStore(NAMESPACE).put(SCOPE, scope);
        try {
            List<Rule> rules = AnnotatedRules.declaredOn(element);
            for (Rule rule : rules) {
                TargetCheck.check(rule, classLoader(context));
            }
            for (Rule rule : rules) {
                scope.track(engine.add(rule));
            }
        } catch (InvalidRuleException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
        return scope;
    }

    private static long seedFor(ExtensionContext context, AnnotatedElement element) {
        Optional<ChaosSeed> seed = AnnotationSupport.findAnnotation(element, ChaosSeed.class);
        if (seed.isEmpty() && element instanceof java.lang.reflect.Method) {
            seed = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), ChaosSeed.class);
        }
        return seed.map(ChaosSeed::value).orElseGet(() -> ThreadLocalRandom.current().nextLong());
    }

    private static ClassLoader classLoader(ExtensionContext context) {
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        return loader != null ? loader : ClassLoader.getSystemClassLoader();
    }

    /** The innermost scope: the test's, or in class-level callbacks the class's. */
    private static RuleScope scope(ExtensionContext context) {
        RuleScope scope = context.getStore(NAMESPACE).get(SCOPE, RuleScope.class);
        if (scope == null) {
            throw new ExtensionConfigurationException("ChaosControl is available in tests and in @BeforeAll/@BeforeEach methods"
                    + " of classes with @EnableChaos");
        }
        return scope;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ChaosControl.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return new ChaosControl(AgentLocator.engine(), scope(context));
    }

    /**
     * A failing chaos test says which seed its rules rolled with, so that it can be replayed: the
     * note is attached to the failure as a suppressed exception, where reports show it.
     */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        RuleScope scope = context.getStore(NAMESPACE).get(SCOPE, RuleScope.class);
        if (scope != null) {
            failure.addSuppressed(new ChaosSeedNote(scope.seed()));
        }
        throw failure;
    }

    /** Shown under a failed test: the seed to replay it with. */
    static final class ChaosSeedNote extends Exception {
        ChaosSeedNote(long seed) {
            super("chaos seed " + seed + ": replay this test's faults with @ChaosSeed(" + seed + "L)", null, false, false);
        }
    }
}
