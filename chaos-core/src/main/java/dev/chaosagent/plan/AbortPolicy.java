package dev.chaosagent.plan;

/**
 * When the agent pulls the kill switch on an experiment's rules by itself.
 *
 * @param onBrokenHypothesis abort when the hypothesis breaks in a phase that injects
 * @param heap               a share of the maximum heap (0..1) that the heap used after a GC must not pass; 0: not watched
 * @param afterNanos         no rule of the plan acts this long after the plan was loaded; 0: no cap
 */
public record AbortPolicy(boolean onBrokenHypothesis, double heap, long afterNanos) {
}
