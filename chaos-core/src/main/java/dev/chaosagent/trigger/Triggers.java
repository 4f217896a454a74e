package dev.chaosagent.trigger;

/**
 * When an eligible call is injected. The triggers apply in this order, each only to the calls the
 * previous one let through: {@code after} (the first N eligible calls are never injected),
 * {@code every} (of the calls after those, the Nth, 2Nth, ...), {@code probability} (a roll per
 * call), {@code limit} (at most N injections, then the rule is exhausted). {@code ttl} is not a
 * per-call trigger: the engine ends the rule when it runs out.
 *
 * @param probability 0..1, 1 by default
 * @param every       0 when off
 * @param after       0 when off
 * @param limit       0 when off
 * @param ttlNanos    0 when the rule never expires
 */
public record Triggers(double probability, long every, long after, long limit, long ttlNanos) {

    public static final Triggers ALWAYS = new Triggers(1.0, 0, 0, 0, 0);

    public Triggers {
        if (!(probability >= 0 && probability <= 1) || every < 0 || after < 0 || limit < 0 || ttlNanos < 0) {
            throw new IllegalArgumentException("triggers out of range");
        }
    }

    /** Whether a decision depends on the call's ordinal, which then has to be counted exactly. */
    public boolean countsCalls() {
        return every > 0 || after > 0;
    }

    /**
     * Decides for the {@code n}th eligible call (1-based; 0 when {@link #countsCalls()} is false
     * and no seed is set), before {@code limit}, which the caller checks against its injection count.
     */
    public boolean selects(long n, Chance chance) {
        if (n <= after && after > 0) {
            return false;
        }
        if (every > 0 && (n - after) % every != 0) {
            return false;
        }
        return probability >= 1.0 || (probability > 0 && chance.roll(n) < probability);
    }

    public Triggers withTtl(long nanos) {
        return new Triggers(probability, every, after, limit, nanos);
    }
}
