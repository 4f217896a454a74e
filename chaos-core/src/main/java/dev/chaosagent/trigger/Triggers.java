package dev.chaosagent.trigger;

import java.util.Objects;

/**
 * When an eligible call is injected. The triggers apply in this order, each only to the calls the
 * previous one let through: {@code after} (the first N eligible calls are never injected),
 * {@code every} (of the calls after those, the Nth, 2Nth, ...), {@code probability} (a roll per
 * call), {@code limit} (at most N injections, then the rule is exhausted). {@code ttl} is not a
 * per-call trigger: the engine ends the rule when it runs out.
 *
 * <p>Immutable; zero means "off" for {@code every}, {@code after}, {@code limit} and {@code ttl}.
 */
public final class Triggers {

    public static final Triggers ALWAYS = new Triggers(1.0, 0, 0, 0, 0);

    private final double probability;
    private final long every;
    private final long after;
    private final long limit;
    private final long ttlNanos;
    /** The probability as a bound on 53 random bits, so a roll compares integers. */
    private final long threshold;

    public Triggers(double probability, long every, long after, long limit, long ttlNanos) {
        if (!(probability >= 0 && probability <= 1) || every < 0 || after < 0 || limit < 0 || ttlNanos < 0) {
            throw new IllegalArgumentException("triggers out of range");
        }
        this.probability = probability;
        this.every = every;
        this.after = after;
        this.limit = limit;
        this.ttlNanos = ttlNanos;
        this.threshold = (long) (probability * Chance.RANGE);
    }

    public double probability() {
        return probability;
    }

    public long every() {
        return every;
    }

    public long after() {
        return after;
    }

    public long limit() {
        return limit;
    }

    public long ttlNanos() {
        return ttlNanos;
    }

    /**
     * The probability as a bound on {@link Chance#bits}: a call is selected when its roll is below.
     * {@link Chance#RANGE} or more selects every call without a roll.
     */
    public long threshold() {
        return threshold;
    }

    /** Whether a decision depends on the call's ordinal, which then has to be counted exactly. */
    public boolean countsCalls() {
        return every > 0 || after > 0;
    }

    /**
     * Decides for the {@code n}th eligible call (1-based; 0 when neither the triggers nor the
     * chance number calls), before {@code limit}, which the caller checks against its injections.
     */
    public boolean selects(long n, Chance chance) {
        if (after > 0 && n <= after) {
            return false;
        }
        if (every > 0 && (n - after) % every != 0) {
            return false;
        }
        return probability >= 1.0 || (threshold > 0 && chance.bits(n) < threshold);
    }

    public Triggers withTtl(long nanos) {
        return new Triggers(probability, every, after, limit, nanos);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Triggers t && t.probability == probability && t.every == every && t.after == after
                && t.limit == limit && t.ttlNanos == ttlNanos;
    }

    @Override
    public int hashCode() {
        return Objects.hash(probability, every, after, limit, ttlNanos);
    }

    @Override
    public String toString() {
        return "Triggers[probability=" + probability + ", every=" + every + ", after=" + after + ", limit=" + limit
                + ", ttlNanos=" + ttlNanos + "]";
    }
}
