package dev.chaosagent.rule;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A duration, or a uniform range of durations ({@code 200ms..1500ms}), as the rule language writes
 * them: a whole number and a unit among {@code us ms s m h}.
 */
public record DurationRange(long minNanos, long maxNanos) {

    /** The longest duration the rule language takes: a year. */
    public static final long MAX_NANOS = TimeUnit.DAYS.toNanos(365);
    static final String EXPECTED_DURATION = "is not a duration (expected like 250us, 500ms, 2s, 1m, 1h)";
    static final String EXPECTED_RANGE = "is not a duration (expected like 250ms, 2s, 100ms..1s)";

    public DurationRange {
        if (minNanos < 0 || maxNanos < minNanos) {
            throw new IllegalArgumentException("bad range " + minNanos + ".." + maxNanos);
        }
    }

    public static DurationRange fixed(long nanos) {
        return new DurationRange(nanos, nanos);
    }

    public boolean isFixed() {
        return minNanos == maxNanos;
    }

    /** Parses {@code 800ms} or {@code 200ms..1500ms} for {@code key}. */
    public static DurationRange parseRange(String key, String text) {
        int dots = text.indexOf("..");
        if (dots < 0) {
            return fixed(parseDuration(key, text, EXPECTED_RANGE));
        }
        long min = parseDuration(key, text.substring(0, dots), EXPECTED_RANGE);
        long max = parseDuration(key, text.substring(dots + 2), EXPECTED_RANGE);
        if (max < min) {
            throw new InvalidRuleException(key, text, "is an empty range (expected the lower bound first, like 100ms..1s)");
        }
        return new DurationRange(min, max);
    }

    /** Parses one duration such as {@code 250us} or {@code 2s} into nanoseconds. */
    public static long parseDuration(String key, String text) {
        return parseDuration(key, text, EXPECTED_DURATION);
    }

    private static long parseDuration(String key, String text, String expected) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int unitAt = 0;
        while (unitAt < t.length() && Character.isDigit(t.charAt(unitAt))) {
            unitAt++;
        }
        if (unitAt == 0 || unitAt > 12) {
            throw new InvalidRuleException(key, text, expected);
        }
        TimeUnit unit = switch (t.substring(unitAt)) {
            case "us" -> TimeUnit.MICROSECONDS;
            case "ms" -> TimeUnit.MILLISECONDS;
            case "s" -> TimeUnit.SECONDS;
            case "m" -> TimeUnit.MINUTES;
            case "h" -> TimeUnit.HOURS;
            default -> throw new InvalidRuleException(key, text, expected);
        };
        long amount = Long.parseLong(t.substring(0, unitAt));
        long nanos = unit.toNanos(amount);
        if (nanos == Long.MAX_VALUE || nanos > MAX_NANOS) {
            throw new InvalidRuleException(key, text, "is too long (expected at most a year)");
        }
        return nanos;
    }

    /** Formats nanoseconds back into the rule language, in the largest unit that is exact. */
    public static String format(long nanos) {
        if (nanos == 0) {
            return "0ms";
        }
        if (nanos % TimeUnit.HOURS.toNanos(1) == 0) {
            return nanos / TimeUnit.HOURS.toNanos(1) + "h";
        }
        if (nanos % TimeUnit.MINUTES.toNanos(1) == 0) {
            return nanos / TimeUnit.MINUTES.toNanos(1) + "m";
        }
        if (nanos % TimeUnit.SECONDS.toNanos(1) == 0) {
            return nanos / TimeUnit.SECONDS.toNanos(1) + "s";
        }
        if (nanos % TimeUnit.MILLISECONDS.toNanos(1) == 0) {
            return nanos / TimeUnit.MILLISECONDS.toNanos(1) + "ms";
        }
        return nanos / TimeUnit.MICROSECONDS.toNanos(1) + "us";
    }

    @Override
    public String toString() {
        return isFixed() ? format(minNanos) : format(minNanos) + ".." + format(maxNanos);
    }
}
