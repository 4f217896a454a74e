package dev.chaosagent.rule;

import dev.chaosagent.fault.CpuFault;
import dev.chaosagent.fault.ExceptionFault;
import dev.chaosagent.fault.Fault;
import dev.chaosagent.fault.KillFault;
import dev.chaosagent.fault.LatencyFault;
import dev.chaosagent.fault.MemoryFault;
import dev.chaosagent.fault.ReturnsFault;
import dev.chaosagent.fault.ThreadsFault;
import dev.chaosagent.preset.Preset;
import dev.chaosagent.scope.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The rule language. The one-line form ({@code key=value key="value with spaces"}, {@code \"} and
 * {@code \\} inside quotes) and a YAML map are both reduced to the same key/value map, read here
 * by one method, so the two forms cannot drift apart. Every error is an {@link InvalidRuleException}.
 */
public final class RuleParser {

    static final List<String> FAULT_KEYS = List.of("latency", "exception", "returns", "cpu", "memory", "threads", "kill");
    static final List<String> KEYS = List.of("name", "target", "preset", "latency", "exception", "message", "returns", "cpu",
            "memory", "threads", "kill", "at", "probability", "every", "after", "limit", "ttl", "enabled", "async");

    private final ClassLoader classLoader;

    /** @param classLoader where exception types are loaded from */
    public RuleParser(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** A parser that loads exception types from the calling thread's context class loader. */
    public static RuleParser forCurrentThread() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return new RuleParser(loader != null ? loader : ClassLoader.getSystemClassLoader());
    }

    /** Parses the one-line form, e.g. {@code target=com.acme.Client#fetch latency=800ms probability=0.3}. */
    public Rule parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new InvalidRuleException("rule", spec == null ? null : spec, "is empty (expected key=value pairs, like target=com.acme.Client#fetch latency=800ms)");
        }
        return fromValues(tokenize(spec));
    }

    /** Parses one rule of a YAML plan, as SnakeYAML loaded it. */
    public Rule parse(Map<?, ?> yaml) {
        Map<String, RuleValue> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : yaml.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            if (value instanceof Map || value instanceof List) {
                throw new InvalidRuleException(key, String.valueOf(value), "is not a single value (expected a scalar, like 800ms)");
            }
            values.put(key, RuleValue.fromYaml(value));
        }
        return fromValues(values);
    }

    /**
     * Reads scope keys alone in the one-line form, e.g. {@code thread=worker-* arg0=42}, with the
     * keys of {@code preset} (null: the rule has none), as a rule's scope keys are read. Any other
     * key is refused, with what was expected.
     */
    public static Scope parseScope(String keysAndValues, Preset preset) {
        Map<String, RuleValue> values = tokenize(keysAndValues);
        Map<String, String> scope = takeScopeKeys(values, preset);
        for (Map.Entry<String, RuleValue> entry : values.entrySet()) {
            PresetKeys.refuseUnknown(entry.getKey(), entry.getValue().text(), preset);
            throw new InvalidRuleException(entry.getKey(), entry.getValue().text(), "is not a scope key (expected " + Scope.KEYS
                    + (preset == null ? "" : ", or a key of preset " + preset.name() + ": " + String.join(", ", preset.keyNames())) + ")");
        }
        return Scope.parse(scope, preset);
    }

    static Map<String, RuleValue> tokenize(String spec) {
        Map<String, RuleValue> values = new LinkedHashMap<>();
        int i = 0;
        int n = spec.length();
        while (i < n) {
            if (Character.isWhitespace(spec.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && spec.charAt(i) != '=' && !Character.isWhitespace(spec.charAt(i))) {
                i++;
            }
            String key = spec.substring(start, i);
            if (i >= n || spec.charAt(i) != '=' || key.isEmpty()) {
                throw new InvalidRuleException(key.isEmpty() ? "rule" : key, spec.substring(start, Math.min(n, Math.max(i, start + 1))),
                        "is not a key=value pair (expected like latency=800ms)");
            }
            i++;
            RuleValue value;
            if (i < n && spec.charAt(i) == '"') {
                StringBuilder text = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = spec.charAt(i++);
                    if (c == '\\' && i < n && (spec.charAt(i) == '"' || spec.charAt(i) == '\\')) {
                        text.append(spec.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        text.append(c);
                    }
                }
                if (!closed) {
                    throw new InvalidRuleException(key, text.toString(), "has no closing quote (expected key=\"a value\")");
                }
                if (i < n && !Character.isWhitespace(spec.charAt(i))) {
                    throw new InvalidRuleException(key, text.toString(), "is followed by text after its closing quote (expected a space between pairs)");
                }
                value = RuleValue.string(text.toString());
            } else {
                int valueStart = i;
                while (i < n && !Character.isWhitespace(spec.charAt(i))) {
                    i++;
                }
                value = RuleValue.literal(spec.substring(valueStart, i));
            }
            if (values.put(key, value) != null) {
                throw new InvalidRuleException(key, value.text(), "is given twice (expected each key once)");
            }
        }
        return values;
    }

    /** Reads a rule from its keys and values, whatever form they were written in. */
    Rule fromValues(Map<String, RuleValue> ruleValues) {
        Map<String, RuleValue> values = new LinkedHashMap<>(ruleValues);
        Preset preset = PresetKeys.preset(values);
        Scope scope = Scope.parse(takeScopeKeys(values, preset), preset);
        List<String> faultKeys = new ArrayList<>();
        for (Map.Entry<String, RuleValue> entry : values.entrySet()) {
            String key = entry.getKey();
            if (!KEYS.contains(key) && (preset == null || !preset.faultKeys().contains(key))) {
                PresetKeys.refuseUnknown(key, entry.getValue().text(), preset);
                throw new InvalidRuleException(key, entry.getValue().text(), "is not a known key ("
                        + closeKey(key).map(close -> "did you mean " + close + "? ").orElse("")
                        + "expected one of " + String.join(", ", KEYS) + ", or a scope key: " + Scope.KEYS + ")");
            }
            if (FAULT_KEYS.contains(key) || (preset != null && preset.faultKeys().contains(key))) {
                faultKeys.add(key);
            }
        }
        RuleValue target = values.get("target");
        if (preset != null && target != null) {
            throw new InvalidRuleException("preset", preset.name(), "cannot be used with target (expected either target=CLASS#METHOD or preset=NAME)");
        }
        if (preset == null && (target == null || target.kind() == RuleValue.Kind.NULL)) {
            throw new InvalidRuleException("target", null, "is required (expected CLASS#METHOD, like com.acme.*Client#fetch*)");
        }
        String where = preset != null ? "preset=" + preset.name() : target.text();
        if (faultKeys.size() > 1 || (faultKeys.isEmpty() && preset == null)) {
            String found = faultKeys.isEmpty() ? "no fault" : "faults " + String.join(" and ", faultKeys);
            throw new InvalidRuleException("rule", where, "has " + found + " (expected exactly one of " + String.join(", ", FAULT_KEYS)
                    + (preset == null ? "" : PresetKeys.faultKeysOf(preset)) + ")");
        }
        String faultKey = faultKeys.isEmpty() ? null : faultKeys.get(0);
        if (values.containsKey("message") && !"exception".equals(faultKey)) {
            throw new InvalidRuleException("message", values.get("message").text(), "goes only with exception (expected exception=TYPE message=\"...\")");
        }

        Rule.Builder rule = Rule.builder().scope(scope);
        if (preset != null) {
            rule.preset(preset).fault(faultKey == null ? preset.defaultFault(classLoader)
                    : preset.faultKeys().contains(faultKey) ? preset.fault(faultKey, values.get(faultKey).text(), classLoader)
                    : fault(faultKey, values.get(faultKey), values.get("message")));
        } else {
            rule.target(target.text()).fault(fault(faultKey, values.get(faultKey), values.get("message")));
        }
        RuleValue name = values.get("name");
        if (name != null) {
            rule.name(name.text());
        }
        RuleValue at = values.get("at");
        if (at != null) {
            rule.at(switch (at.text()) {
                case "entry" -> At.ENTRY;
                case "exit" -> At.EXIT;
                default -> throw new InvalidRuleException("at", at.text(), "is not a place (expected entry or exit)");
            });
        }
        RuleValue probability = values.get("probability");
        if (probability != null) {
            rule.probability(parseProbability(probability.text()));
        }
        RuleValue every = values.get("every");
        if (every != null) {
            rule.every(parseWhole("every", every.text(), 1));
        }
        RuleValue after = values.get("after");
        if (after != null) {
            rule.after(parseWhole("after", after.text(), 0));
        }
        RuleValue limit = values.get("limit");
        if (limit != null) {
            rule.limit(parseWhole("limit", limit.text(), 1));
        }
        RuleValue ttl = values.get("ttl");
        if (ttl != null) {
            long nanos = DurationRange.parseDuration("ttl", ttl.text());
            if (nanos <= 0) {
                throw new InvalidRuleException("ttl", ttl.text(), "is not positive (expected like 10m)");
            }
            rule.ttl(Duration.ofNanos(nanos));
        }
        RuleValue enabled = values.get("enabled");
        if (enabled != null) {
            rule.enabled(parseBoolean("enabled", enabled.text()));
        }
        RuleValue async = values.get("async");
        if (async != null) {
            rule.async(parseAsync(async.text()));
        }
        return rule.build();
    }

    /** Removes the scope keys from the values, and returns them with their values as text, in order. */
    private static Map<String, String> takeScopeKeys(Map<String, RuleValue> values, Preset preset) {
        Map<String, String> scope = new LinkedHashMap<>();
        for (java.util.Iterator<Map.Entry<String, RuleValue>> entries = values.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<String, RuleValue> entry = entries.next();
            if (Scope.isKey(entry.getKey()) || (preset != null && preset.key(entry.getKey()) != null)) {
                scope.put(entry.getKey(), entry.getValue().kind() == RuleValue.Kind.NULL ? null : entry.getValue().text());
                entries.remove();
            }
        }
        return scope;
    }

    private Fault fault(String key, RuleValue value, RuleValue message) {
        String text = value.text();
        return switch (key) {
            case "latency" -> new LatencyFault(DurationRange.parseRange(key, text));
            case "exception" -> ExceptionFault.of(text, message == null ? null : message.text(), classLoader);
            case "returns" -> new ReturnsFault(value);
            case "cpu" -> new CpuFault(DurationRange.parseDuration(key, text));
            case "memory" -> {
                long bytes = Sizes.parse(key, text);
                if (bytes == 0) {
                    throw new InvalidRuleException(key, text, "is zero (expected a size, like 1MB)");
                }
                yield new MemoryFault(bytes);
            }
            case "threads" -> new ThreadsFault((int) parseWhole(key, text, 1, 100_000));
            case "kill" -> new KillFault((int) parseWhole(key, text, 0, 255));
            default -> throw new IllegalStateException(key);
        };
    }

    private static double parseProbability(String text) {
        try {
            double p = Double.parseDouble(text);
            if (p >= 0 && p <= 1 && text.matches("[0-9.eE+-]+")) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw notAProbability(text);
    }

    /** The one message for a probability out of 0..1, written or built. */
    static InvalidRuleException notAProbability(String text) {
        return new InvalidRuleException("probability", text, "is not a probability (expected a number from 0 to 1, like 0.3)");
    }

    private static long parseWhole(String key, String text, long min) {
        return parseWhole(key, text, min, Long.MAX_VALUE);
    }

    private static long parseWhole(String key, String text, long min, long max) {
        if (text.matches("[0-9]{1,18}")) {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        }
        throw notAWholeNumber(key, text, min, max);
    }

    /** The one message for a count out of its range, written or built. */
    static InvalidRuleException notAWholeNumber(String key, String text, long min, long max) {
        String range = max == Long.MAX_VALUE ? min + " or more" : "from " + min + " to " + max;
        return new InvalidRuleException(key, text, "is not a whole number " + range + " (expected like " + Math.max(min, Math.min(max, 10)) + ")");
    }

    /** {@code auto} or {@code off}; YAML 1.1 reads an unquoted {@code off} as false, which means off too. */
    private static boolean parseAsync(String text) {
        return switch (text) {
            case "auto" -> true;
            case "off", "false" -> false;
            default -> throw new InvalidRuleException("async", text, "is not a mode (expected auto or off)");
        };
    }

    private static boolean parseBoolean(String key, String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidRuleException(key, text, "is not a boolean (expected true or false)");
        };
    }

    /**
     * The known key that the typed one is likely a typo of: the nearest, and only when it is a
     * few edits away for the key's length (a third of it, at least one), so that a word unlike any
     * key gets the list alone rather than a guess.
     */
    static Optional<String> closeKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, lower.length() / 3);
        // The distance is at least the difference in length: a much longer word is no typo, and not measured.
        return KEYS.stream().filter(k -> Math.abs(lower.length() - k.length()) <= allowed && editDistance(lower, k) <= allowed)
                .min(Comparator.comparingInt(k -> editDistance(lower, k)));
    }

    /**
     * Edits (insert, delete, substitute, or swap two neighbours) from one text to the other: the
     * Damerau-Levenshtein distance in its optimal-string-alignment form, for which a swapped pair,
     * the commonest typo, costs one.
     */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** Quotes a value for the one-line form when it needs it. */
    static String quote(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\\')) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
