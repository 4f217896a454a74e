package dev.chaosagent.agent;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's options, {@code key=value} pairs separated by {@code ,}, as given to
 * {@code -javaagent:chaos-agent.jar=...}, in {@code JAVA_TOOL_OPTIONS} or on attach. Any problem
 * disarms the agent (see {@link #problems()}); the application starts regardless.
 */
public record AgentOptions(Path config, boolean enabled, boolean jmx, boolean allowDestructive, Long seed,
                           Path journal, Integer metricsPort, String logLevel, Path podLabels, String metricsHost, List<String> problems) {

    static final List<String> KEYS = List.of("config", "enabled", "jmx", "allowDestructive", "seed", "journal", "metrics", "log",
            "podLabels", "metricsHost");
    /** Where the metrics endpoint listens unless told: metrics of an experiment are nobody else's business. */
    private static final String LOOPBACK = "127.0.0.1";
    private static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug", "trace", "off");

    public AgentOptions {
        problems = List.copyOf(problems);
    }

    /** Whether an option was wrong: the agent then stays disarmed, whatever the plan says. */
    public boolean disarmed() {
        return !problems.isEmpty();
    }

    public static AgentOptions parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            for (String pair : text.split(",")) {
                String trimmed = pair.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int eq = trimmed.indexOf('=');
                String key = eq < 0 ? trimmed : trimmed.substring(0, eq).trim();
                String value = eq < 0 ? null : trimmed.substring(eq + 1).trim();
                if (!KEYS.contains(key)) {
                    problems.add("unknown option " + key + " (expected one of " + String.join(", ", KEYS) + ")");
                } else if (value == null || value.isEmpty()) {
                    problems.add("option " + key + " has no value (expected " + key + "=VALUE)");
                } else if (values.put(key, value) != null) {
                    problems.add("option " + key + " is given twice (expected each option once)");
                }
            }
        }
        String log = values.getOrDefault("log", "info").toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(log)) {
            problems.add("log=" + values.get("log") + " is not a level (expected one of " + String.join(", ", LOG_LEVELS) + ")");
            log = "info";
        }
        boolean enabled = bool(values, "enabled", true, problems);
        boolean jmx = bool(values, "jmx", true, problems);
        boolean allowDestructive = bool(values, "allowDestructive", false, problems);
        Long seed = whole(values, "seed", Long.MIN_VALUE, Long.MAX_VALUE, problems);
        Long port = whole(values, "metrics", 0, 65_535, problems);
        Path config = path(values, "config", problems);
        Path journal = path(values, "journal", problems);
        Path podLabels = path(values, "podLabels", problems);
        String metricsHost = values.getOrDefault("metricsHost", LOOPBACK);
        if (!isAddress(metricsHost)) {
            problems.add("metricsHost=" + metricsHost + " is not an address (expected an IP address or a host name, like 0.0.0.0)");
            metricsHost = LOOPBACK;
        }
        return new AgentOptions(config, enabled, jmx, allowDestructive, seed, journal, port == null ? null : port.intValue(), log,
                podLabels, metricsHost, problems);
    }

    /** Letters, digits and {@code .:%_-}: an IPv4 or IPv6 address or a host name; resolved when the endpoint starts. */
    private static boolean isAddress(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && ".:%_-".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static Path path(Map<String, String> values, String key, List<String> problems) {
        String value = values.get(key);
        if (value == null) {
            return null;
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            problems.add(key + "=" + value.replace("\0", "\\0") + " is not a path (" + e.getReason() + ")");
            return null;
        }
    }

    private static boolean bool(Map<String, String> values, String key, boolean fallback, List<String> problems) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        problems.add(key + "=" + value + " is not a boolean (expected true or false)");
        return fallback;
    }

    private static Long whole(Map<String, String> values, String key, long min, long max, List<String> problems) {
        String value = values.get(key);
        if (value == null) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(key + "=" + value + (key.equals("metrics") ? " is not a port (expected 1 to 65535, or 0 for one the system picks)" : " is not a whole number (expected like 42)"));
        return null;
    }
}
