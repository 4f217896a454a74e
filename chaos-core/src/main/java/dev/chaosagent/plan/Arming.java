package dev.chaosagent.plan;

import java.util.Objects;

/**
 * Whether a plan arms this JVM now, and why in words: it is the plan's rules or none of them that
 * reach the engine.
 *
 * @param plan   the plan's name, or null when it has none
 * @param reason a sentence that starts with the plan, e.g. {@code plan checkout-latency expired at ...}
 */
public record Arming(String plan, boolean armed, String reason) {

    /** A plan without a name or a selection: what plans were before fleets, in words built once. */
    static final Arming EVERY_JVM = new Arming(null, true, "the plan arms every JVM");

    /** Why the rules that are not wanted now are removed, for the journal's {@code removed} lines. */
    public String removal() {
        if (!armed) {
            return reason;
        }
        return plan == null ? "no longer in the plan" : "no longer in plan " + plan;
    }

    // Written out: a record's own equals and hashCode bootstrap method handles (ObjectMethods) at
    // their first call, which is the plan watcher's first poll, while the application starts.
    @Override
    public boolean equals(Object other) {
        return other instanceof Arming that && armed == that.armed && Objects.equals(plan, that.plan) && Objects.equals(reason, that.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(plan, armed, reason);
    }

    /** {@code plan NAME}, or {@code the plan} for a plan without a name. */
    static String reference(String plan) {
        return plan == null ? "the plan" : "plan " + plan;
    }
}
