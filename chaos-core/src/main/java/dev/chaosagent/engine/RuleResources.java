package dev.chaosagent.engine;

import dev.chaosagent.async.DelayGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the resource faults of one rule retain (heap blocks, parked threads) and the asynchronous
 * results its latency holds back, all released when the rule ends. The heap cap is shared by every rule of an engine; the thread cap is per rule.
 */
final class RuleResources {

    private static final Logger log = LoggerFactory.getLogger("dev.chaosagent.fault");
    private static final int MAX_BLOCK = 64 << 20;

    private final String ruleName;
    private final ResourceLimits limits;
    private final AtomicLong engineRetainedHeap;
    private final List<byte[]> heap = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    final DelayGroup delays = new DelayGroup();
    private long retainedHeap;
    private boolean released;
    private boolean heapCapReported;
    private boolean threadCapReported;

    RuleResources(String ruleName, ResourceLimits limits, AtomicLong engineRetainedHeap) {
        this.ruleName = ruleName;
        this.limits = limits;
        this.engineRetainedHeap = engineRetainedHeap;
    }

    synchronized void retainHeap(long bytes) {
        if (released) {
            return;
        }
        long total = engineRetainedHeap.addAndGet(bytes);
        if (total > limits.maxRetainedHeapBytes()) {
            engineRetainedHeap.addAndGet(-bytes);
            if (!heapCapReported) {
                heapCapReported = true;
                log.warn("rule {}: memory cap reached ({} MB retained by all rules, cap {} MB); further injections retain nothing",
                        ruleName, (total - bytes) >> 20, limits.maxRetainedHeapBytes() >> 20);
            }
            return;
        }
        try {
            for (long left = bytes; left > 0; left -= MAX_BLOCK) {
                heap.add(new byte[(int) Math.min(left, MAX_BLOCK)]);
            }
            retainedHeap += bytes;
        } catch (OutOfMemoryError e) {
            engineRetainedHeap.addAndGet(-bytes);
            throw e;
        }
    }

    synchronized void retainThreads(int count) {
        if (released) {
            return;
        }
        int room = limits.maxThreadsPerRule() - threads.size();
        int start = Math.min(count, room);
        if (start < count && !threadCapReported) {
            threadCapReported = true;
            log.warn("rule {}: thread cap reached ({} threads); further injections start none", ruleName, limits.maxThreadsPerRule());
        }
        for (int i = 0; i < start; i++) {
            Thread thread = AgentWork.threads("chaos-leak-" + ruleName + "-" + (threads.size() + 1)).newThread(this::park);
            thread.start();
            threads.add(thread);
        }
    }

    private void park() {
        while (!isReleased()) {
            LockSupport.park(this);
        }
    }

    private synchronized boolean isReleased() {
        return released;
    }

    /** Lets go of everything; the threads end shortly after. */
    void release() {
        delays.release();
        List<Thread> toWake;
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
            heap.clear();
            engineRetainedHeap.addAndGet(-retainedHeap);
            retainedHeap = 0;
            toWake = new ArrayList<>(threads);
            threads.clear();
        }
        toWake.forEach(LockSupport::unpark);
    }
}
