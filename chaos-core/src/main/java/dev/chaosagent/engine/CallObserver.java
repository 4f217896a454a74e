package dev.chaosagent.engine;

/**
 * Told of every call of the methods it observes, when the call ends, on the calling thread: how long
 * it took and whether it ended with an exception (an injected one included). It must be quick, must
 * not allocate and must not throw: it runs inside the application's call.
 */
public interface CallObserver {

    void ended(long durationNanos, boolean failed);
}
