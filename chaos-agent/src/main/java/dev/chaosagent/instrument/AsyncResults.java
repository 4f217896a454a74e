package dev.chaosagent.instrument;

import dev.chaosagent.async.AsyncCall;
import dev.chaosagent.bootstrap.ChaosDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the asynchronous results that rules decided, for the dispatcher. Should that fail (an
 * application's Reactor unlike any the agent knows), the call goes on untouched: the agent's own
 * failure never reaches the application.
 */
final class AsyncResults {

    private static final Logger log = LoggerFactory.getLogger("dev.chaosagent.fault");

    private AsyncResults() {
    }

    /** What a call that a rule ended at entry returns; null (the body runs) when it cannot be built. */
    static Object ended(AsyncCall call, Class<?> origin) {
        try {
            return new ChaosDispatcher.Returning(orNullResult(call.ended(origin)));
        } catch (RuntimeException | LinkageError e) {
            failed(origin, e);
            return null;
        }
    }

    /** What the call returns instead of {@code returned}; null (keep it) when that cannot be built. */
    static Object applied(AsyncCall call, Object returned, Class<?> origin) {
        try {
            Object result = call.applyTo(returned, origin);
            return result == returned ? null : result;
        } catch (RuntimeException | LinkageError e) {
            failed(origin, e);
            return null;
        }
    }

    /** Whether the continuation resumes a suspend call rather than starting one; false when that cannot be told. */
    static boolean isResumption(Object continuation) {
        try {
            return AsyncCall.isResumption(continuation);
        } catch (RuntimeException | LinkageError e) {
            failed(continuation.getClass(), e);
            return false;
        }
    }

    /** Whether the suspend function answered {@code COROUTINE_SUSPENDED}; false when that cannot be told. */
    static boolean suspends(AsyncCall call, Object returned, Class<?> origin) {
        try {
            return call.suspends(returned, origin);
        } catch (RuntimeException | LinkageError e) {
            failed(origin, e);
            return false;
        }
    }

    /** Gathers what the suspend call's first entry left waiting; false, and the call untouched, when that fails. */
    static boolean ending(AsyncCall call, Class<?> origin) {
        try {
            call.ending(origin);
            return true;
        } catch (RuntimeException | LinkageError e) {
            failed(origin, e);
            return false;
        }
    }

    private static Object orNullResult(Object value) {
        return value == null ? ChaosDispatcher.NULL_RESULT : value;
    }

    private static void failed(Class<?> origin, Throwable e) {
        log.warn("cannot act on the asynchronous result of a method of {}; the call goes on untouched: {}", origin.getName(), e.toString());
    }
}
