package dev.chaosagent.bootstrap;

/**
 * What the dispatcher hands each instrumented call to: the agent's engine, behind this interface so
 * that the bootstrap class path holds nothing else of the agent.
 */
public interface ChaosHandler {

    /** Null to run the body; {@link ChaosDispatcher#NULL_RESULT} or a value to return instead. May throw the injected exception. */
    Object enter(int site) throws Throwable;

    /** Null to keep the returned value; {@link ChaosDispatcher#NULL_RESULT} or a value to return instead. May throw. */
    Object exit(int site) throws Throwable;
}
