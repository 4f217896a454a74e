package dev.chaosagent.instrument;

import dev.chaosagent.rule.Rule;
import dev.chaosagent.rule.TargetPattern;
import dev.chaosagent.scope.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The targets of the rules in force, as instrumentation asks about them: by name first (cheap),
 * by supertypes only when some target has {@code +}.
 */
final class Targets {

    static final Targets NONE = new Targets(List.of(), List.of());

    private final List<Rule> rules;
    private final List<TargetPattern> patterns;
    private final boolean subtypes;

    private Targets(List<Rule> rules, List<TargetPattern> observed) {
        this.rules = rules;
        List<TargetPattern> distinct = new ArrayList<>();
        boolean anySubtypes = false;
        for (Rule rule : rules) {
            if (!distinct.contains(rule.target())) {
                distinct.add(rule.target());
                anySubtypes |= rule.target().includesSubtypes();
            }
        }
        for (TargetPattern pattern : observed) {
            if (!distinct.contains(pattern)) {
                distinct.add(pattern);
                anySubtypes |= pattern.includesSubtypes();
            }
        }
        this.patterns = distinct;
        this.subtypes = anySubtypes;
    }

    static Targets of(List<Rule> rules) {
        return of(rules, List.of());
    }

    /** The rules' targets and the methods an experiment observes, which are woven alike. */
    static Targets of(List<Rule> rules, List<TargetPattern> observed) {
        return new Targets(List.copyOf(rules), List.copyOf(observed));
    }

    List<Rule> rules() {
        return rules;
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** False when no target can match the class: by its name, with no target that has {@code +}. */
    boolean mayMatch(String className) {
        return subtypes || matchesByName(className);
    }

    /** Whether some target matches the class; {@code supertypes} is asked only when a target has {@code +}. */
    boolean matchesType(String className, Supplier<Set<String>> supertypes) {
        if (matchesByName(className)) {
            return true;
        }
        if (!subtypes || TargetPattern.isForbiddenClass(className)) {
            return false;
        }
        Set<String> names = supertypes.get();
        for (TargetPattern pattern : patterns) {
            if (pattern.includesSubtypes() && pattern.matchesType(className, names)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesByName(String className) {
        for (TargetPattern pattern : patterns) {
            if (pattern.matchesClassName(className)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The parameters a method's woven code must pass: those the {@code argN} keys of its rules name
     * and it has, ascending, at most {@link Scope#MAX_PASSED_ARGUMENTS}.
     */
    List<Integer> passedArguments(String className, Set<String> supertypes, String method, List<String> parameterTypes) {
        boolean[] named = new boolean[10];
        for (Rule rule : rules) {
            if (rule.target().matchesType(className, supertypes) && rule.target().matchesMethod(method, parameterTypes)) {
                for (int index : rule.scope().argumentIndexes()) {
                    named[index] |= index < parameterTypes.size();
                }
            }
        }
        List<Integer> passed = new ArrayList<>();
        for (int index = 0; index < named.length && passed.size() < Scope.MAX_PASSED_ARGUMENTS; index++) {
            if (named[index]) {
                passed.add(index);
            }
        }
        return passed;
    }

    /** Whether some target matches this method of a class with these supertypes. */
    boolean matchesMethod(String className, Set<String> supertypes, String method, List<String> parameterTypes) {
        for (TargetPattern pattern : patterns) {
            if (pattern.matchesType(className, supertypes) && pattern.matchesMethod(method, parameterTypes)) {
                return true;
            }
        }
        return false;
    }
}
