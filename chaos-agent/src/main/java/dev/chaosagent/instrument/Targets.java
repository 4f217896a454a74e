package dev.chaosagent.instrument;

import dev.chaosagent.engine.ObservedCalls;
import dev.chaosagent.preset.Operand;
import dev.chaosagent.preset.Preset;
import dev.chaosagent.preset.PresetMethod;
import dev.chaosagent.preset.Recorder;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.rule.TargetPattern;
import dev.chaosagent.scope.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The targets of the rules in force, as instrumentation asks about them: by name first (cheap),
 * by supertypes only when some target has {@code +}. A preset rule's targets are its preset's
 * methods; its preset's recorders are woven too, while it lasts. So are the methods an experiment
 * observes, and a hypothesis's preset as a rule's.
 */
final class Targets {

    static final Targets NONE = new Targets(List.of(), List.of());

    private final List<Rule> rules;
    /** The methods rules act on. */
    private final List<TargetPattern> patterns;
    /** Those and the recorders' methods: the classes that may be woven. */
    private final List<TargetPattern> typePatterns;
    private final List<PresetMethod> presetMethods;
    private final List<Recorder> recorders;
    private final boolean subtypes;

    private Targets(List<Rule> rules, List<ObservedCalls> observed) {
        this.rules = rules;
        List<TargetPattern> distinct = new ArrayList<>();
        List<Preset> presets = new ArrayList<>();
        for (Rule rule : rules) {
            for (TargetPattern method : rule.methods()) {
                if (!distinct.contains(method)) {
                    distinct.add(method);
                }
            }
            if (rule.preset() != null && !presets.contains(rule.preset())) {
                presets.add(rule.preset());
            }
        }
        for (ObservedCalls calls : observed) {
            for (TargetPattern pattern : calls.methods()) {
                if (!distinct.contains(pattern)) {
                    distinct.add(pattern);
                }
            }
            if (calls.preset() != null && !presets.contains(calls.preset())) {
                presets.add(calls.preset()); // its methods pass their operand, which the observation reads
            }
        }
        this.patterns = distinct;
        this.presetMethods = new ArrayList<>();
        this.recorders = new ArrayList<>();
        for (Preset preset : presets) {
            presetMethods.addAll(preset.methods());
            recorders.addAll(preset.recorders());
        }
        this.typePatterns = new ArrayList<>(distinct);
        for (Recorder recorder : recorders) {
            typePatterns.add(recorder.method());
        }
        boolean anySubtypes = false;
        for (TargetPattern pattern : typePatterns) {
            anySubtypes |= pattern.includesSubtypes();
        }
        this.subtypes = anySubtypes;
    }

    static Targets of(List<Rule> rules) {
        return of(rules, List.of());
    }

    /** The rules' targets and the methods an experiment observes, which are woven alike. */
    static Targets of(List<Rule> rules, List<ObservedCalls> observed) {
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
        for (TargetPattern pattern : typePatterns) {
            if (pattern.includesSubtypes() && pattern.matchesType(className, names)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesByName(String className) {
        for (TargetPattern pattern : typePatterns) {
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
            if (rule.appliesTo(className, supertypes, method, parameterTypes)) {
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

    /**
     * The {@link Operand#index} of what a preset reads at this method, when a preset of the rules
     * binds it; null when none does (its woven code then passes no operand).
     */
    Integer operand(String className, Set<String> supertypes, String method, List<String> parameterTypes) {
        for (PresetMethod presetMethod : presetMethods) {
            if (presetMethod.method().matchesType(className, supertypes) && presetMethod.method().matchesMethod(method, parameterTypes)) {
                return presetMethod.operand().index(parameterTypes);
            }
        }
        return null;
    }

    /** The recorder of a preset of the rules that learns from this method, or null. */
    Recorder recorder(String className, Set<String> supertypes, String method, List<String> parameterTypes) {
        for (Recorder recorder : recorders) {
            if (recorder.method().matchesType(className, supertypes) && recorder.method().matchesMethod(method, parameterTypes)) {
                return recorder;
            }
        }
        return null;
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
