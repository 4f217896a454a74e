package dev.chaosagent.fault;

import dev.chaosagent.rule.DurationRange;
import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.rule.RuleValue;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The faults in code, typed: {@code Faults.latency(Duration.ofMillis(200))} is
 * {@code latency=200ms}. Each checks its value as the rule language would, with the same messages.
 */
public final class Faults {

    private Faults() {
    }

    /** {@code latency=200ms}: the call waits that long. */
    public static LatencyFault latency(Duration delay) {
        return new LatencyFault(DurationRange.fixed(nanos("latency", delay)));
    }

    /** {@code latency=200ms..1500ms}: the call waits a uniformly drawn time in that range. */
    public static LatencyFault latency(Duration min, Duration max) {
        long from = nanos("latency", min);
        long to = nanos("latency", max);
        if (to < from) {
            throw new InvalidRuleException("latency", DurationRange.format(from) + ".." + DurationRange.format(to),
                    "is an empty range (expected the lower bound first, like 100ms..1s)");
        }
        return new LatencyFault(new DurationRange(from, to));
    }

    /** {@code exception=TYPE}: the call throws a new {@code type}, with chaos-agent's default message. */
    public static ExceptionFault exception(Class<? extends Throwable> type) {
        return ExceptionFault.of(type, null);
    }

    /** {@code exception=TYPE message="..."}: the call throws a new {@code type} with that message. */
    public static ExceptionFault exception(Class<? extends Throwable> type, String message) {
        return ExceptionFault.of(type, message);
    }

    /**
     * {@code returns=VALUE}: the call returns {@code value} (null, a {@code Boolean}, a {@code Number}
     * or a {@code String}) instead of running its body; it is converted for each method's return type.
     */
    public static ReturnsFault returns(Object value) {
        if (value == null) {
            return new ReturnsFault(RuleValue.ofNull());
        }
        if (value instanceof String text) {
            return new ReturnsFault(RuleValue.string(text));
        }
        if (value instanceof Boolean) {
            return new ReturnsFault(RuleValue.literal(value.toString()));
        }
        if (value instanceof Number) {
            try {
                return new ReturnsFault(RuleValue.literal(new BigDecimal(value.toString()).toPlainString()));
            } catch (NumberFormatException notFinite) {
                // reported below
            }
        }
        throw new InvalidRuleException("returns", String.valueOf(value),
                "is not a value (expected null, a Boolean, a finite Number or a String)");
    }

    /** {@code cpu=50ms}: the calling thread burns CPU that long. */
    public static CpuFault cpu(Duration burn) {
        return new CpuFault(nanos("cpu", burn));
    }

    /** {@code memory=1MB}: each injection retains that many bytes until the rule ends. */
    public static MemoryFault memory(long bytes) {
        if (bytes <= 0) {
            throw new InvalidRuleException("memory", Long.toString(bytes), "is not positive (expected a number of bytes, like 1 << 20)");
        }
        return new MemoryFault(bytes);
    }

    /** {@code threads=2}: each injection starts that many parked threads, held until the rule ends. */
    public static ThreadsFault threads(int count) {
        if (count < 1 || count > 100_000) {
            throw new InvalidRuleException("threads", Integer.toString(count), "is not a whole number from 1 to 100000 (expected like 10)");
        }
        return new ThreadsFault(count);
    }

    /** {@code kill=137}: halts the JVM with that exit code; destructive, refused unless the agent allows it. */
    public static KillFault kill(int exitCode) {
        if (exitCode < 0 || exitCode > 255) {
            throw new InvalidRuleException("kill", Integer.toString(exitCode), "is not a whole number from 0 to 255 (expected like 10)");
        }
        return new KillFault(exitCode);
    }

    /** The duration in nanoseconds, checked as the rule language checks it: whole microseconds, at most a year. */
    private static long nanos(String key, Duration duration) {
        long nanos;
        try {
            nanos = duration.toNanos();
        } catch (ArithmeticException tooLong) {
            throw new InvalidRuleException(key, duration.toString(), "is too long (expected at most a year)");
        }
        if (nanos < 0 || nanos % 1_000 != 0) {
            throw new InvalidRuleException(key, duration.toString(),
                    "is not a whole number of microseconds, 0 or more (expected like Duration.ofMillis(200))");
        }
        if (nanos > DurationRange.MAX_NANOS) {
            throw new InvalidRuleException(key, DurationRange.format(nanos), "is too long (expected at most a year)");
        }
        return nanos;
    }
}
