package dev.chaosagent.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The stable hash that decides which pods a share of the fleet ({@code select.pods}) takes: the
 * first 8 bytes of SHA-256 of {@code "PLAN/POD"} (UTF-8) read as an unsigned big-endian number,
 * modulo 10,000. A pod is in a share of {@code p%} when its bucket is below {@code p * 100}. So
 * the same plan picks the same pods on every run, every restart and every JVM, anyone can compute
 * the choice beforehand, and a larger share keeps the pods of a smaller one.
 */
public final class PodHash {

    /** Buckets per fleet: a share is resolved to 0.01%. */
    public static final int BUCKETS = 10_000;

    private PodHash() {
    }

    /** The pod's bucket for this plan, 0 to 9999. */
    public static int bucket(String plan, String pod) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest((plan + "/" + pod).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        long first8 = 0;
        for (int i = 0; i < 8; i++) {
            first8 = (first8 << 8) | (digest[i] & 0xFF);
        }
        return (int) Long.remainderUnsigned(first8, BUCKETS);
    }
}
