package dev.chaosagent.experiment;

/**
 * A fixed set of duration bins for a histogram that never grows: eight bins per power of two from
 * 1 µs to about 2 minutes (each bin at most 12.5% wider than its lower bound), one below and one
 * above. A percentile read from them is the upper bound of its bin.
 */
final class LatencyBins {

    private static final int PER_OCTAVE = 8;
    private static final int FIRST_OCTAVE = 10; // 1024 ns
    private static final int OCTAVES = 27;      // up to 2^37 ns, about 137 s
    static final int COUNT = OCTAVES * PER_OCTAVE + 2;

    private LatencyBins() {
    }

    static int of(long nanos) {
        if (nanos < (1L << FIRST_OCTAVE)) {
            return 0;
        }
        int octave = 63 - Long.numberOfLeadingZeros(nanos);
        if (octave >= FIRST_OCTAVE + OCTAVES) {
            return COUNT - 1;
        }
        int sub = (int) (nanos >>> (octave - 3)) & (PER_OCTAVE - 1);
        return 1 + (octave - FIRST_OCTAVE) * PER_OCTAVE + sub;
    }

    /** The longest duration bin {@code index} holds (the last one: its lower bound). */
    static long upperBound(int index) {
        if (index == 0) {
            return (1L << FIRST_OCTAVE) - 1;
        }
        int octave = Math.min((index - 1) / PER_OCTAVE, OCTAVES - 1) + FIRST_OCTAVE;
        int sub = index == COUNT - 1 ? PER_OCTAVE - 1 : (index - 1) % PER_OCTAVE;
        return ((long) (PER_OCTAVE + sub + 1) << (octave - 3)) - 1;
    }
}
