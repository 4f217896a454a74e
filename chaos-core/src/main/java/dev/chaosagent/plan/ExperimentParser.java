package dev.chaosagent.plan;

import dev.chaosagent.preset.Preset;
import dev.chaosagent.preset.Presets;
import dev.chaosagent.rule.DurationRange;
import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.rule.TargetPattern;
import dev.chaosagent.scope.Scope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a plan's experiment keys ({@code hypothesis}, {@code abort}, {@code phases}, {@code dryRun})
 * into an {@link ExperimentSpec}, adding each problem (key, value, what was expected) to the plan's list.
 */
final class ExperimentParser {

    static final List<String> KEYS = List.of("hypothesis", "abort", "phases", "dryRun");
    private static final List<String> HYPOTHESIS_KEYS = List.of("observe", "window", "minCalls", "success", "p99");
    private static final List<String> ABORT_KEYS = List.of("onBrokenHypothesis", "heap", "after");
    private static final List<String> PHASE_KEYS = List.of("name", "duration", "rules");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d+)?)%");

    private final List<String> problems;

    private ExperimentParser(List<String> problems) {
        this.problems = problems;
    }

    /** The experiment, or null when the plan has none of its keys. */
    static ExperimentSpec read(Map<?, ?> top, String planName, List<Rule> rules, List<String> problems) {
        if (!mentionsAny(top, KEYS)) {
            return null;
        }
        ExperimentParser parser = new ExperimentParser(problems);
        if (planName == null && !top.containsKey("name")) {
            problems.add("name: (missing) is required for an experiment, which its journal lines and metrics name"
                    + " (expected a name: key, like name: checkout-resilience)");
        }
        Hypothesis hypothesis = parser.hypothesis(top.get("hypothesis"));
        AbortPolicy abort = parser.abort(top.get("abort"), hypothesis);
        List<Phase> phases = parser.phases(top.get("phases"), rules);
        boolean dryRun = parser.bool("dryRun", top.get("dryRun"), false);
        return new ExperimentSpec(hypothesis, abort, phases, dryRun);
    }

    private Hypothesis hypothesis(Object value) {
        boolean namesPreset = value instanceof Map<?, ?> named && named.containsKey("preset");
        Preset preset = namesPreset && ((Map<?, ?>) value).get("preset") != null ? preset(((Map<?, ?>) value).get("preset")) : null;
        // With a preset, its own check below names every other key; without, a preset's key is told apart.
        Map<?, ?> map = section("hypothesis", value, key -> HYPOTHESIS_KEYS.contains(key) || key.equals("preset") || namesPreset
                || owner(key) != null, "observe or preset with its scope keys, window, minCalls, success and p99");
        if (map == null) {
            return null;
        }
        TargetPattern observe = null;
        Scope scope = Scope.NONE;
        Object target = map.get("observe");
        if (map.containsKey("preset")) {
            if (target != null) {
                problems.add("hypothesis.preset: \"" + map.get("preset") + "\" cannot be used with observe (expected either observe:"
                        + " a target pattern or preset: a preset with its scope keys)");
            }
            if (preset != null) {
                scope = presetScope(map, preset);
            } else if (map.get("preset") == null) {
                problems.add("hypothesis.preset: (missing) names no preset (expected one of " + Presets.names() + ")");
            }
        } else if (target == null) {
            problems.add("hypothesis.observe: (missing) is required (expected a target pattern, like com.acme.shop.ShopApi#album,"
                    + " or preset: with that preset's scope keys)");
        } else {
            try {
                observe = TargetPattern.parse(String.valueOf(target));
            } catch (InvalidRuleException e) {
                problems.add("hypothesis.observe" + e.getMessage().substring(e.key().length()));
            }
        }
        if (!namesPreset) {
            for (Object key : map.keySet()) {
                Preset owner = owner(String.valueOf(key));
                if (owner != null && !HYPOTHESIS_KEYS.contains(String.valueOf(key))) {
                    problems.add("hypothesis." + key + ": \"" + map.get(key) + "\" is a key of preset " + owner.name()
                            + " (expected preset: " + owner.name() + " instead of observe)");
                }
            }
        }
        long window = duration("hypothesis.window", map.get("window"), Hypothesis.DEFAULT_WINDOW_NANOS);
        if (window > 0 && window < 100_000_000L) {
            problems.add("hypothesis.window: \"" + map.get("window") + "\" is too short (expected 100ms or more, like 10s)");
        }
        long minCalls = whole("hypothesis.minCalls", map.get("minCalls"), Hypothesis.DEFAULT_MIN_CALLS);
        double success = share("hypothesis.success", map.get("success"), 1.0, "like 99%");
        long p99 = duration("hypothesis.p99", map.get("p99"), 0);
        return new Hypothesis(observe, preset, scope, window, (int) Math.min(Integer.MAX_VALUE, minCalls), success, p99);
    }

    private AbortPolicy abort(Object value, Hypothesis hypothesis) {
        Map<?, ?> map = section("abort", value, ABORT_KEYS, "onBrokenHypothesis, heap and after");
        if (map == null) {
            return null;
        }
        boolean onBroken = bool("abort.onBrokenHypothesis", map.get("onBrokenHypothesis"), false);
        if (onBroken && hypothesis == null && !problemsMention("hypothesis")) {
            problems.add("abort.onBrokenHypothesis: \"true\" needs a hypothesis to break (expected a hypothesis: section beside abort)");
        }
        double heap = map.get("heap") == null ? 0 : share("abort.heap", map.get("heap"), -1, "like 90%");
        if (heap == 0 && map.get("heap") != null) {
            problems.add("abort.heap: \"" + map.get("heap") + "\" is no share at all (expected more than 0%, like 90%)");
        }
        heap = Math.max(0, heap);
        return new AbortPolicy(onBroken, heap, duration("abort.after", map.get("after"), 0));
    }

    private List<Phase> phases(Object value, List<Rule> rules) {
        List<Phase> phases = new ArrayList<>();
        if (value == null) {
            return phases;
        }
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            problems.add("phases: \"" + value + "\" is not a list of phases (expected items with name, duration and rules,"
                    + " like - {name: steady, duration: 1m})");
            return phases;
        }
        Set<String> ruleNames = new HashSet<>();
        for (Rule rule : rules) {
            ruleNames.add(rule.name());
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "phases." + (i + 1);
            Map<?, ?> map = section(where, list.get(i), PHASE_KEYS, "name, duration and rules");
            if (map == null) {
                if (list.get(i) == null) {
                    problems.add(where + ": (missing) is empty (expected name, duration and rules)");
                }
                continue;
            }
            Object name = map.get("name");
            if (!(name instanceof String text) || !NAME.matcher(text).matches()) {
                problems.add(where + ".name: " + (name == null ? "(missing)" : "\"" + name + "\"")
                        + " is not a phase name (expected letters, digits, '.', '_' or '-', like steady)");
            } else if (!names.add(text)) {
                problems.add(where + ".name: \"" + text + "\" is used twice (expected a unique name per phase)");
            }
            long duration = duration(where + ".duration", map.get("duration"), 0);
            if (map.get("duration") == null) {
                problems.add(where + ".duration: (missing) is required (expected a duration, like 1m)");
            }
            List<String> phaseRules = new ArrayList<>();
            Object listed = map.get("rules");
            if (listed instanceof List<?> items) {
                for (Object item : items) {
                    if (ruleNames.contains(String.valueOf(item))) {
                        phaseRules.add(String.valueOf(item));
                    } else {
                        problems.add(where + ".rules: \"" + item + "\" is not a rule of this plan (expected one of "
                                + (ruleNames.isEmpty() ? "its rules, which it has none of" : String.join(", ", new java.util.TreeSet<>(ruleNames))) + ")");
                    }
                }
            } else if (listed != null) {
                problems.add(where + ".rules: \"" + listed + "\" is not a list (expected rule names, like [slow-catalog])");
            }
            phases.add(new Phase(String.valueOf(name), duration, phaseRules));
        }
        return phases;
    }

    /** The map of a section, or null when absent or not a map (then reported); unknown keys are reported. */
    private Map<?, ?> section(String key, Object value, List<String> keys, String expected) {
        return section(key, value, keys::contains, expected);
    }

    private Map<?, ?> section(String key, Object value, Predicate<String> known, String expected) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(key + ": \"" + value + "\" is not a map (expected the keys " + expected + ")");
            return null;
        }
        for (Object name : map.keySet()) {
            if (!known.test(String.valueOf(name))) {
                problems.add(key + "." + name + ": is not a key of " + key + " (expected " + expected + ")");
            }
        }
        return map;
    }

    /** The preset a hypothesis names, or null (then reported), with the rule parser's words. */
    private Preset preset(Object name) {
        Preset preset = Presets.find(String.valueOf(name));
        if (preset == null) {
            problems.add("hypothesis.preset: \"" + name + "\" is not a preset (expected one of " + Presets.names() + ")");
        }
        return preset;
    }

    /**
     * The preset's scope keys, written as plain keys of the hypothesis; a key of another preset, or
     * one of its fault keys (a hypothesis observes, it injects nothing), is reported.
     */
    private Scope presetScope(Map<?, ?> map, Preset preset) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String value = entry.getValue() == null ? null : String.valueOf(entry.getValue());
            if (HYPOTHESIS_KEYS.contains(key) || key.equals("preset")) {
                continue;
            }
            try {
                keep(preset, key, value, keys);
            } catch (InvalidRuleException e) {
                problems.add("hypothesis." + e.getMessage());
            }
        }
        try {
            return Scope.parse(keys, preset);
        } catch (InvalidRuleException e) {
            problems.add("hypothesis." + e.getMessage());
            return Scope.NONE;
        }
    }

    /** Keeps a scope key of the preset in {@code keys}, or reports it; a malformed key throws. */
    private void keep(Preset preset, String key, String value, Map<String, String> keys) {
        if (preset.faultKeys().contains(key)) {
            problems.add("hypothesis." + key + ": \"" + value + "\" is a fault key of preset " + preset.name()
                    + ", and a hypothesis only observes (expected one of " + String.join(", ", preset.keyNames()) + ")");
        } else if (Scope.isKey(key) || preset.key(key) == null) {
            problems.add("hypothesis." + key + ": \"" + value + "\" is not a key of preset " + preset.name() + " (expected one of "
                    + String.join(", ", preset.keyNames()) + ")");
        } else {
            keys.put(key, value);
        }
    }

    /** The preset that has a scope key of that name, or null (a malformed header key names none). */
    private static Preset owner(String key) {
        try {
            return Presets.owningKey(key);
        } catch (InvalidRuleException e) {
            return null;
        }
    }

    private boolean problemsMention(String key) {
        for (String problem : problems) {
            if (problem.startsWith(key)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsAny(Map<?, ?> top, Iterable<String> keys) {
        for (String key : keys) {
            if (top.containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    private long duration(String key, Object value, long otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            long nanos = DurationRange.parseDuration(key, String.valueOf(value));
            if (nanos > 0) {
                return nanos;
            }
            problems.add(key + ": \"" + value + "\" is not positive (expected a duration, like 10s)");
        } catch (InvalidRuleException e) {
            problems.add(e.getMessage());
        }
        return otherwise;
    }

    private long whole(String key, Object value, long otherwise) {
        if (value == null) {
            return otherwise;
        }
        if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 1) {
            return ((Number) value).longValue();
        }
        problems.add(key + ": \"" + value + "\" is not a positive whole number (expected like 20)");
        return otherwise;
    }

    /** A share written {@code 99%} or {@code 0.99}. */
    private double share(String key, Object value, double otherwise, String example) {
        if (value == null) {
            return otherwise;
        }
        double share = -1;
        Matcher percent = PERCENT.matcher(String.valueOf(value).trim());
        if (value instanceof String && percent.matches()) {
            share = Double.parseDouble(percent.group(1)) / 100;
        } else if (value instanceof Number number) {
            share = number.doubleValue();
        }
        if (share >= 0 && share <= 1) {
            return share;
        }
        problems.add(key + ": \"" + value + "\" is not a share (expected a percentage from 0% to 100% or a ratio from 0 to 1, " + example + ")");
        return otherwise;
    }

    private boolean bool(String key, Object value, boolean otherwise) {
        if (value == null) {
            return otherwise;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        problems.add(key + ": \"" + value + "\" is not a boolean (expected true or false)");
        return otherwise;
    }
}
