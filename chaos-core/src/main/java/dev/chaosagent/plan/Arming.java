package dev.chaosagent.plan;

/**
 * Whether a plan arms this JVM now, and why in words: it is the plan's rules or none of them that
 * reach the engine.
 *
 * @param plan   the plan's name, or null when it has none
 * @param reason a sentence that starts with the plan, e.g. {@code plan checkout-latency expired at ...}
 */
public record Arming(String plan, boolean armed, String reason) {

    /** Why the rules that are not wanted now are removed, for the journal's {@code removed} lines. */
    public String removal() {
        return armed ? "no longer in " + reference(plan) : reason;
    }

    /** {@code plan NAME}, or {@code the plan} for a plan without a name. */
    static String reference(String plan) {
        return plan == null ? "the plan" : "plan " + plan;
    }
}
