package dev.chaosagent.engine;

import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * The agent's own work, which rules on JDK methods must never act on: a plan being parsed, the
 * journal being written, a JMX call being answered. Such work runs on threads made here, or inside
 * {@link #call}; JDK sites skip it, as they skip a fault's own work.
 */
public final class AgentWork {

    private AgentWork() {
    }

    /** Daemon threads, named {@code chaos-agent-NAME}, that are the agent's for their whole life. */
    public static ThreadFactory threads(String name) {
        String threadName = name.startsWith("chaos-") ? name : "chaos-agent-" + name;
        return new ThreadFactory() {
            @Override
            public Thread newThread(Runnable task) {
                Thread thread = new AgentThread(task, threadName);
                thread.setDaemon(true);
                return thread;
            }
        };
    }

    private static final class AgentThread extends Thread {
        private final Runnable task;

        AgentThread(Runnable task, String name) {
            super(name);
            this.task = task;
        }

        @Override
        public void run() {
            Reentrancy.enter();
            task.run();
        }
    }

    /**
     * Runs agent work on the caller's thread: a call the agent makes again on the application's
     * behalf (an operation a latency held back, sent now) was counted and decided when it was made,
     * so no rule counts it, nor acts on it, a second time.
     */
    public static void run(Runnable work) {
        boolean entered = Reentrancy.enter();
        try {
            work.run();
        } finally {
            if (entered) {
                Reentrancy.leave();
            }
        }
    }

    /** Runs agent work on the caller's thread (a JMX request thread, say). */
    public static <T> T call(Supplier<T> work) {
        boolean entered = Reentrancy.enter();
        try {
            return work.get();
        } finally {
            if (entered) {
                Reentrancy.leave();
            }
        }
    }
}
