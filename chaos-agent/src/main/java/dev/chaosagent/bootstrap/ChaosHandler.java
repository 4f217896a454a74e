package dev.chaosagent.bootstrap;

/**
 * What the dispatcher hands each woven call to: the agent's engine, behind this class so that
 * the bootstrap class path holds nothing else of the agent.
 *
 * <p>An abstract class rather than an interface: with one implementation loaded, the JIT calls it
 * without the type check an interface call keeps on every woven call.
 */
public abstract class ChaosHandler {

    /** As {@link ChaosDispatcher#enter}: null, a {@link ChaosDispatcher.Returning}, or a token for {@link #exit}. May throw. */
    public abstract Object enter(int site) throws Throwable;

    /** As {@link #enter(int)}, with the parameters the woven method passes for scopes. */
    public abstract Object enter(int site, long bits0, Object object0, long bits1, Object object1, long bits2,
            Object object2) throws Throwable;

    /** As {@link #enter(int, long, Object, long, Object, long, Object)}, with the operand a preset reads. */
    public abstract Object enterOperation(int site, Object operand, long bits0, Object object0, long bits1, Object object1,
            long bits2, Object object2)
            throws Throwable;

    /** Lets a preset's recorder remember what a method returned or was given; never throws. */
    public abstract void remember(int recorder, Object receiver, Object returned, Object argument);

    /** Ends the call {@code token} stands for: null to keep the result, or a value to return instead. May throw. */
    public abstract Object exit(Object token, boolean returnedNormally) throws Throwable;

    /** As {@link #enter(int)}, at a method returning an asynchronous type; {@code origin} declares it. */
    public abstract Object enterAsync(int site, Class<?> origin) throws Throwable;

    /** As {@link #enter(int, long, Object, long, Object, long, Object)}, at a method returning an asynchronous type. */
    public abstract Object enterAsync(int site, long bits0, Object object0, long bits1, Object object1, long bits2,
            Object object2, Class<?> origin)
            throws Throwable;

    /** As {@link #enterOperation}, at a method a preset binds that returns an asynchronous type. */
    public abstract Object enterAsyncOperation(int site, Object operand, long bits0, Object object0, long bits1, Object object1, long bits2,
                               Object object2, Class<?> origin) throws Throwable;

    /** As {@link #exit}, at a method returning an asynchronous type: the rules may act on {@code returned}. */
    public abstract Object exitAsync(Object token, Throwable thrown, Object returned, Class<?> origin) throws Throwable;

    /** As {@link #enter(int)}, at a Kotlin suspend function called, or resumed, with {@code continuation}. */
    public abstract Object enterSuspend(int site, Class<?> origin, Object continuation) throws Throwable;

    /** As {@link #exit}, at a Kotlin suspend function: {@code returned} may be {@code COROUTINE_SUSPENDED}. */
    public abstract Object exitSuspend(Object token, Throwable thrown, Object returned, Class<?> origin) throws Throwable;
}
