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

    /** As {@link #enter(int)}, at a method returning an asynchronous type; {@code origin} declares it. */
    Object enterAsync(int site, Class<?> origin) throws Throwable;

    /** As {@link #enter(int, long, Object, long, Object, long, Object)}, at a method returning an asynchronous type. */
    Object enterAsync(int site, long bits0, Object object0, long bits1, Object object1, long bits2, Object object2, Class<?> origin)
            throws Throwable;

    /** As {@link #exit}, at a method returning an asynchronous type: the rules may act on {@code returned}. */
    Object exitAsync(Object token, Throwable thrown, Object returned, Class<?> origin) throws Throwable;

    /** As {@link #enter(int)}, at a Kotlin suspend function called, or resumed, with {@code continuation}. */
    Object enterSuspend(int site, Class<?> origin, Object continuation) throws Throwable;

    /** As {@link #exit}, at a Kotlin suspend function: {@code returned} may be {@code COROUTINE_SUSPENDED}. */
    Object exitSuspend(Object token, Throwable thrown, Object returned, Class<?> origin) throws Throwable;
}
