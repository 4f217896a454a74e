package dev.chaosagent.engine;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who hears of the experiment: the log (one line per event), the event listeners (the journal, the
 * metrics) and the rule-set listeners (instrumentation, which re-weaves when the set of rules changes).
 */
final class EngineEvents {

    private static final Logger log = LoggerFactory.getLogger("dev.chaosagent.engine");

    private final List<ChaosEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> ruleSetListeners = new CopyOnWriteArrayList<>();

    void addListener(ChaosEventListener listener) {
        listeners.add(listener);
    }

    void removeListener(ChaosEventListener listener) {
        listeners.remove(listener);
    }

    void addRuleSetListener(Runnable listener) {
        ruleSetListeners.add(listener);
    }

    /** Runs every rule-set listener; called outside the engine's lock. */
    void rulesChanged() {
        for (Runnable listener : ruleSetListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("a rule-set listener failed: {}", e.toString());
            }
        }
    }

    /** Logs the event (one line; a refusal, or a preset that binds nothing, is a warning; a preset's binding, debug) and hands it to every listener. */
    void publish(ChaosEvent.Type type, String rule, String message) {
        publish(type, rule, message, null);
    }

    /** As {@link #publish(ChaosEvent.Type, String, String)}, for an event about a named plan. */
    void publish(ChaosEvent.Type type, String rule, String message, String plan) {
        publish(new ChaosEvent(Instant.now(), type, rule, message, plan));
    }

    /** Logs the event (one line; a refusal is a warning, an experiment's sample of a second a debug line) and hands it on. */
    void publish(ChaosEvent event) {
        ChaosEvent.Type type = event.type();
        String message = event.message();
        boolean entered = Reentrancy.enter();
        try {
            if (type == ChaosEvent.Type.REFUSED || type == ChaosEvent.Type.UNBOUND) {
                log.warn(message);
            } else if (type == ChaosEvent.Type.OBSERVED) {
                log.debug(message);
            } else if (type == ChaosEvent.Type.BOUND) {
                log.debug(message); // a line per method: the journal keeps them, describe() lists them
            } else {
                log.info(message);
            }
            for (ChaosEventListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    log.warn("an event listener failed on {}: {}", type.key(), e.toString());
                }
            }
        } finally {
            if (entered) {
                Reentrancy.leave();
            }
        }
    }
}
