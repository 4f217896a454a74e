package dev.chaosagent.instrument;

import dev.chaosagent.async.AsyncCall;
import dev.chaosagent.bootstrap.ChaosDispatcher;
import dev.chaosagent.bootstrap.ChaosHandler;
import dev.chaosagent.engine.spi.OpenCall;
import dev.chaosagent.engine.spi.SiteTable;
import dev.chaosagent.fault.Fault;
import dev.chaosagent.preset.Presets;

/** Connects the bootstrap dispatcher to the engine's per-call path; their answers follow one convention ({@link Fault}'s). */
final class EngineHandler extends ChaosHandler {

    private final SiteTable sites;

    EngineHandler(SiteTable sites) {
        this.sites = sites;
    }

    @Override
    public Object enter(int site) throws Throwable {
        return entered(sites.enter(site));
    }

    @Override
    public Object enter(int site, long bits0, Object object0, long bits1, Object object1, long bits2, Object object2) throws Throwable {
        return entered(sites.enter(site, bits0, object0, bits1, object1, bits2, object2));
    }

    @Override
    public Object enterOperation(int site, Object operand, long bits0, Object object0, long bits1, Object object1, long bits2,
                                 Object object2) throws Throwable {
        return entered(sites.enter(site, operand, bits0, object0, bits1, object1, bits2, object2));
    }

    @Override
    public void remember(int recorder, Object receiver, Object returned, Object argument) {
        try {
            Presets.recorder(recorder).remember(receiver, returned, argument);
        } catch (RuntimeException | LinkageError failure) {
            // The preset's own failure: it will not know this operation, the application goes on.
        }
    }

    private static Object entered(Object result) {
        if (result == null || result instanceof OpenCall) {
            return result;
        }
        return new ChaosDispatcher.Returning(dispatched(result));
    }

    @Override
    public Object exit(Object token, boolean returnedNormally) throws Throwable {
        return dispatched(sites.exit(token, returnedNormally));
    }

    /** The engine's {@link Fault#NULL_RESULT} as the dispatcher's own, the only one the bootstrap class path sees. */
    private static Object dispatched(Object result) {
        return result == Fault.NULL_RESULT ? ChaosDispatcher.NULL_RESULT : result;
    }

    @Override
    public Object enterAsync(int site, Class<?> origin) throws Throwable {
        return enteredAsync(sites.enter(site), origin);
    }

    @Override
    public Object enterAsync(int site, long bits0, Object object0, long bits1, Object object1, long bits2, Object object2, Class<?> origin)
            throws Throwable {
        return enteredAsync(sites.enter(site, bits0, object0, bits1, object1, bits2, object2), origin);
    }

    @Override
    public Object enterAsyncOperation(int site, Object operand, long bits0, Object object0, long bits1, Object object1, long bits2,
                                      Object object2, Class<?> origin) throws Throwable {
        return enteredAsync(sites.enter(site, operand, bits0, object0, bits1, object1, bits2, object2), origin);
    }

    /** A call that a rule failed or answered at entry returns the asynchronous type's own failure or value. */
    private static Object enteredAsync(Object result, Class<?> origin) {
        if (result instanceof AsyncCall call && call.ends()) {
            return AsyncResults.ended(call, origin);
        }
        return entered(result);
    }

    @Override
    public Object enterSuspend(int site, Class<?> origin, Object continuation) throws Throwable {
        boolean resumed = AsyncResults.isResumption(continuation);
        Object result = resumed ? sites.resume(site) : sites.enter(site);
        if (result instanceof AsyncCall call && call.ends()) {
            if (call.failure() != null) {
                // Before the body, on the first entry: a suspend function fails by throwing, and its caller resumes with it.
                throw call.failure();
            }
            return AsyncResults.ended(call, origin);
        }
        if (result instanceof OpenCall) {
            return AsyncCall.suspending(result, continuation, resumed);
        }
        return entered(result);
    }

    @Override
    public Object exitSuspend(Object token, Throwable thrown, Object returned, Class<?> origin) throws Throwable {
        AsyncCall call = (AsyncCall) token;
        boolean suspended = thrown == null && AsyncResults.suspends(call, returned, origin);
        Object result = sites.exit(call, thrown == null && !suspended);
        if (suspended) {
            call.suspended();
            return null;
        }
        if (result != call) {
            return dispatched(result);
        }
        if (AsyncResults.ending(call, origin) && call.throwsNow()) {
            throw call.failure();
        }
        return AsyncResults.applied(call, returned, origin);
    }

    @Override
    public Object exitAsync(Object token, Throwable thrown, Object returned, Class<?> origin) throws Throwable {
        Object result = sites.exit(token, thrown == null);
        if (result instanceof AsyncCall call) {
            return AsyncResults.applied(call, returned, origin);
        }
        return dispatched(result);
    }
}
