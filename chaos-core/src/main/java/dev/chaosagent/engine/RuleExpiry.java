package dev.chaosagent.engine;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Ends rules when their ttl runs out, on one thread that exists only while some rule has a ttl. */
final class RuleExpiry {

    // Guarded by the engine's lock.
    private ScheduledThreadPoolExecutor executor;

    /** Runs {@code expire} once the rule's ttl has passed, unless the rule ends first; called under the engine's lock. */
    void schedule(ActiveRule rule, Runnable expire) {
        long ttl = rule.rule.triggers().ttlNanos();
        if (ttl > 0) {
            rule.expiry = executor().schedule(expire, ttl, TimeUnit.NANOSECONDS);
        }
    }

    private ScheduledThreadPoolExecutor executor() {
        if (executor == null) {
            executor = new ScheduledThreadPoolExecutor(1, AgentWork.threads("expiry"));
            // The thread exists only while some rule has a ttl: an idle agent runs no thread.
            executor.setKeepAliveTime(1, TimeUnit.SECONDS);
            executor.allowCoreThreadTimeOut(true);
            executor.setRemoveOnCancelPolicy(true);
        }
        return executor;
    }
}
