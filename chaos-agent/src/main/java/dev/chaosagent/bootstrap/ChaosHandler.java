package dev.chaosagent.bootstrap;

/**
 * What the dispatcher hands each woven call to: the agent's engine, behind this interface so that
 * the bootstrap class path holds nothing else of the agent.
 */
public interface ChaosHandler {

    /** As {@link ChaosDispatcher#enter}: null, a {@link ChaosDispatcher.Returning}, or a token for {@link #exit}. May throw. */
    Object enter(int site) throws Throwable;

    /** As {@link #enter(int)}, with the parameters the woven method passes for scopes. */
    Object enter(int site, long bits0, Object object0, long bits1, Object object1, long bits2, Object object2) throws Throwable;

    /** As {@link #enter(int, long, Object, long, Object, long, Object)}, with the operand a preset reads. */
    Object enterOperation(int site, Object operand, long bits0, Object object0, long bits1, Object object1, long bits2, Object object2)
            throws Throwable;

    /** Lets a preset's recorder remember what a method returned or was given; never throws. */
    void remember(int recorder, Object receiver, Object returned, Object argument);

    /** Ends the call {@code token} stands for: null to keep the result, or a value to return instead. May throw. */
    Object exit(Object token, boolean returnedNormally) throws Throwable;
}
