package dev.chaosagent.engine;

/**
 * What a rule tells the engine from the per-call path: it reached its limit, it injected, its fault
 * failed, something happened. The rule knows nothing else of the engine.
 */
interface RuleCallbacks {

    /** The rule reached its limit: unbind it from its methods. */
    void exhausted(ActiveRule rule);

    /** One more injection, for the engine's total. */
    void countInjection();

    /** The rule's fault failed at its own work and was skipped. */
    void reportFailure(ActiveRule rule, Throwable failure);

    void publish(ChaosEvent.Type type, String rule, String message);
}
