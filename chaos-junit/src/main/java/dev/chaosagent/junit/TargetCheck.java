package dev.chaosagent.junit;

import dev.chaosagent.async.AsyncKind;
import dev.chaosagent.fault.ExceptionFault;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.rule.TargetPattern;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Catches a test's rule that cannot act before the test runs in vain: a target class that does not
 * exist, a method name that matches no method of it, a checked exception none of the matched methods
 * declares. Only targets that name one class can be checked; wildcard targets are taken on trust.
 */
final class TargetCheck {

    private TargetCheck() {
    }

    static void check(Rule rule, ClassLoader loader) {
        TargetPattern target = rule.target();
        String className = target == null ? null : target.className();
        if (className == null) { // a wildcard target, or a preset: the agent says what it binds
            return;
        }
        Class<?> type;
        try {
            // Loading (without initialising) also lets the agent instrument it now.
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw misconfigured(rule, "matches nothing: there is no class " + className + " on the test class path");
        }
        List<Method> matched = new ArrayList<>();
        for (Method method : methodsOf(type)) {
            List<String> parameters = Arrays.stream(method.getParameterTypes()).map(Class::getTypeName).toList();
            if (target.matchesMethod(method.getName(), parameters)) {
                matched.add(method);
            }
        }
        if (matched.isEmpty()) {
            throw misconfigured(rule, "matches nothing: " + className + " has no method that matches");
        }
        if (rule.fault() instanceof ExceptionFault exception && exception.isChecked()) {
            // An asynchronous method (async=auto) reports any exception through what it returns.
            boolean declared = matched.stream().anyMatch(m -> exception.isDeclaredBy(
                    Arrays.stream(m.getExceptionTypes()).map(Class::getName).toList()) || (rule.async() && isAsync(m)));
            if (!declared) {
                throw new ExtensionConfigurationException("exception: \"" + exception.type().getName()
                        + "\" is a checked exception that no method matching " + target + " declares"
                        + " (expected an unchecked exception, or one the method throws)");
            }
        }
    }

    private static boolean isAsync(Method method) {
        return AsyncKind.of(method.getReturnType().getName(),
                Arrays.stream(method.getParameterTypes()).map(Class::getTypeName).toList()) != null;
    }

    private static List<Method> methodsOf(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (!method.isSynthetic() && (c == type || !Modifier.isPrivate(method.getModifiers()))) {
                    methods.add(method);
                }
            }
        }
        methods.addAll(Arrays.asList(type.getMethods()));
        return methods;
    }

    private static ExtensionConfigurationException misconfigured(Rule rule, String problem) {
        return new ExtensionConfigurationException("target: \"" + rule.target() + "\" " + problem
                + " (expected CLASS#METHOD naming code the test calls)");
    }
}
