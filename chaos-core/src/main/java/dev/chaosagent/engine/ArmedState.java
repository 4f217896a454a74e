package dev.chaosagent.engine;

import dev.chaosagent.engine.spi.ArmedListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Armed: the master switch is on and some rule can act. Instrumentation follows it (the woven code
 * reads the dispatcher's copy before anything else), so every change is told, in order, under the
 * engine's lock.
 */
final class ArmedState {

    private final List<ArmedListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean armed;

    boolean isArmed() {
        return armed;
    }

    /** Called under the engine's lock. */
    void set(boolean now) {
        if (now != armed) {
            armed = now;
            for (ArmedListener listener : listeners) {
                listener.armedChanged(now);
            }
        }
    }

    /** Called under the engine's lock; the listener is told the current state at once. */
    void addListener(ArmedListener listener) {
        listeners.add(listener);
        listener.armedChanged(armed);
    }
}
