package dev.chaosagent.trigger;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The random source of one rule. Seeded, the roll for a rule's nth eligible call is a pure function
 * of (seed, rule name, n), so the same seed and call order give the same injections; unseeded, it
 * is {@link ThreadLocalRandom}: no shared state, no lock.
 */
public abstract sealed class Chance {

    /** The number of distinct values {@link #bits} takes: 2^53. */
    public static final long RANGE = 1L << 53;

    /** 53 uniform random bits for the nth eligible call: a roll, compared with a probability times 2^53. */
    public abstract long bits(long n);

    /** A uniform double in [0, 1) for the nth eligible call. */
    public final double roll(long n) {
        return bits(n) * 0x1.0p-53;
    }

    /** A uniform long in [min, max] for the nth eligible call, independent of {@link #roll}. */
    public abstract long between(long min, long max, long n);

    /** Whether rolls depend on the call ordinal, which then has to be counted exactly. */
    public abstract boolean usesCallNumber();

    public static Chance unseeded() {
        return Unseeded.INSTANCE;
    }

    public static Chance seeded(long seed, String ruleName) {
        return new Seeded(seed, ruleName);
    }

    private static final class Unseeded extends Chance {
        static final Unseeded INSTANCE = new Unseeded();

        @Override
        public long bits(long n) {
            return ThreadLocalRandom.current().nextLong() >>> 11;
        }

        @Override
        public long between(long min, long max, long n) {
            return max == min ? min : ThreadLocalRandom.current().nextLong(min, max + 1);
        }

        @Override
        public boolean usesCallNumber() {
            return false;
        }
    }

    private static final class Seeded extends Chance {
        private static final long RANGE_SALT = 0x5DEECE66DL;
        private final long base;

        Seeded(long seed, String ruleName) {
            this.base = mix(seed ^ mix(ruleName.hashCode() * 0x9E3779B97F4A7C15L));
        }

        @Override
        public long bits(long n) {
            return mix(base + n * 0x9E3779B97F4A7C15L) >>> 11;
        }

        @Override
        public long between(long min, long max, long n) {
            long span = max - min + 1;
            long bits = mix(base ^ RANGE_SALT + n * 0xC2B2AE3D27D4EB4FL) >>> 1;
            return span <= 0 ? min : min + bits % span;
        }

        @Override
        public boolean usesCallNumber() {
            return true;
        }

        /** SplitMix64's finaliser: a bijection that spreads every input bit over the output. */
        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
