package dev.chaosagent.async;

import dev.chaosagent.engine.AgentWork;
import java.util.concurrent.DelayQueue;

/**
 * The one scheduler of every asynchronous delay: a delay queue and one daemon thread, started at
 * the first delay. A thread per call would let a latency rule on a busy event loop start thousands.
 * A delay that its rule's end fired early stays queued until its time and is skipped then, so that
 * releasing many costs one pass over the queue.
 */
final class Delays {

    private static final Delays SHARED = new Delays();

    private final DelayQueue<PendingDelay> queue = new DelayQueue<>();
    private volatile Thread timer;

    static Delays shared() {
        return SHARED;
    }

    void schedule(PendingDelay delay) {
        startTimer();
        queue.add(delay);
        if (delay.group.released) {
            delay.fire(); // the rule ended while the call was on its way here
        }
    }

    void release(DelayGroup group) {
        group.released = true;
        for (PendingDelay delay : queue) {
            if (delay.group == group) {
                delay.fire();
            }
        }
    }

    private void startTimer() {
        if (timer == null) {
            startTimerOnce();
        }
    }

    private synchronized void startTimerOnce() {
        if (timer == null) {
            timer = AgentWork.threads("async-delays").newThread(new Runnable() {
                @Override
                public void run() {
                    fireDue();
                }
            });
            timer.start();
        }
    }

    private void fireDue() {
        while (true) {
            try {
                queue.take().fire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // A rejected hand-off to the common pool must not end the timer of every other delay.
            }
        }
    }
}
