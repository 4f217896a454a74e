package dev.chaosagent.engine;

/** Receives the engine's events, on the thread that caused them; it must be quick and must not throw. */
@FunctionalInterface
public interface ChaosEventListener {
    void onEvent(ChaosEvent event);
}
