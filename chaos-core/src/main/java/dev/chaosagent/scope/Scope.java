package dev.chaosagent.scope;

import dev.chaosagent.preset.Preset;
import dev.chaosagent.preset.PresetKey;
import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.rule.TargetPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The calls of its methods a rule acts on: scope keys, all of which must hold. A call out of scope
 * is not eligible at all (not counted, not seen by the triggers). Immutable; {@link #NONE} for a
 * rule without scope keys, which costs nothing per call.
 */
public final class Scope {

    public static final Scope NONE = new Scope(List.of());

    /** The scope keys, as messages list them. */
    public static final String KEYS = "thread, arg0..arg9, caller, baggage.KEY, mdc.KEY";

    /** Parameters a woven method can pass for scopes, at most: more distinct {@code argN} on one method are refused there. */
    public static final int MAX_PASSED_ARGUMENTS = 3;

    private static final Pattern ARGUMENT = Pattern.compile("arg[0-9]");
    private static final Pattern ENTRY = Pattern.compile("[A-Za-z0-9._-]+");

    private final List<ScopeCondition> conditions;
    /** The conditions again, as an array: {@link #admits} runs on every call and must not allocate an iterator. */
    private final ScopeCondition[] checks;
    private final int[] arguments;

    private Scope(List<ScopeCondition> conditions) {
        this.conditions = List.copyOf(conditions);
        this.checks = conditions.toArray(new ScopeCondition[0]);
        boolean[] named = new boolean[10];
        int count = 0;
        for (ScopeCondition condition : conditions) {
            if (condition instanceof ArgumentCondition argument && !named[argument.index()]) {
                named[argument.index()] = true;
                count++;
            }
        }
        this.arguments = new int[count];
        for (int index = 0, next = 0; index < named.length; index++) {
            if (named[index]) {
                arguments[next++] = index;
            }
        }
    }

    /** Whether a key of the rule language is a scope key: {@code thread}, {@code arg0}..{@code arg9}, {@code caller}, {@code baggage.KEY}, {@code mdc.KEY}. */
    public static boolean isKey(String key) {
        return key.equals("thread") || key.equals("caller") || ARGUMENT.matcher(key).matches()
                || key.startsWith("baggage.") || key.startsWith("mdc.");
    }

    /** Reads scope keys and their values (in the order written); every key must satisfy {@link #isKey}. */
    public static Scope parse(Map<String, String> keysAndValues) {
        return parse(keysAndValues, null);
    }

    /** As {@link #parse(Map)}, with the scope keys of the rule's preset too (null: the rule has none). */
    public static Scope parse(Map<String, String> keysAndValues, Preset preset) {
        if (keysAndValues.isEmpty()) {
            return NONE;
        }
        List<ScopeCondition> conditions = new ArrayList<>();
        for (Map.Entry<String, String> keyAndValue : keysAndValues.entrySet()) {
            conditions.add(condition(keyAndValue.getKey(), keyAndValue.getValue(), preset));
        }
        return new Scope(conditions);
    }

    private static ScopeCondition condition(String key, String value, Preset preset) {
        if (value == null || value.isEmpty()) {
            throw new InvalidRuleException(key, value, "is empty (expected a pattern, where * matches any run of characters and ? one)");
        }
        PresetKey presetKey = preset == null || isKey(key) ? null : preset.key(key);
        if (presetKey != null) {
            return new PresetCondition(preset, presetKey, value);
        }
        if (key.equals("thread")) {
            return new ThreadCondition(Glob.of(value));
        }
        if (key.equals("caller")) {
            return new CallerCondition(callerPattern(value));
        }
        if (key.startsWith("arg")) {
            return new ArgumentCondition(key.charAt(3) - '0', Glob.of(value));
        }
        String entry = key.substring(key.indexOf('.') + 1);
        if (!ENTRY.matcher(entry).matches()) {
            throw new InvalidRuleException(key, value, "names no entry (expected " + key.substring(0, key.indexOf('.') + 1)
                    + "KEY with KEY of letters, digits, '.', '_' or '-', like baggage.chaos=slow-db)");
        }
        return key.startsWith("baggage.") ? new BaggageCondition(entry, Glob.of(value)) : new MdcCondition(entry, Glob.of(value));
    }

    private static TargetPattern callerPattern(String value) {
        if (value.indexOf('(') >= 0 || value.indexOf('+') >= 0) {
            throw new InvalidRuleException("caller", value, "is not a plain CLASS#METHOD (expected the target grammar without parameters"
                    + " or +, like com.acme.checkout.*#submit)");
        }
        try {
            return TargetPattern.parse(value);
        } catch (InvalidRuleException e) {
            String problem = e.getMessage().substring(e.getMessage().indexOf('"', e.getMessage().indexOf('"') + 1) + 2);
            throw new InvalidRuleException("caller", value, problem);
        }
    }

    public boolean isEmpty() {
        return conditions.isEmpty();
    }

    public List<ScopeCondition> conditions() {
        return conditions;
    }

    /** The parameter indexes the {@code argN} keys name, ascending, each once. */
    public int[] argumentIndexes() {
        return arguments.clone();
    }

    /** Whether the call meets every condition (in the order written, so cheap ones first pays off). */
    public boolean admits(ScopedCall call) {
        for (ScopeCondition condition : checks) {
            if (!condition.admits(call)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Scope scope && scope.conditions.equals(conditions);
    }

    @Override
    public int hashCode() {
        return conditions.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (ScopeCondition condition : conditions) {
            text.append(text.length() == 0 ? "" : " ").append(condition.key()).append('=').append(condition.value());
        }
        return text.toString();
    }
}
