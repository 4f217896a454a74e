package dev.chaosagent.instrument;

import dev.chaosagent.bootstrap.ChaosDispatcher;
import dev.chaosagent.bootstrap.ChaosHandler;
import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.engine.ThreadCalls;
import dev.chaosagent.fault.Fault;

/** Connects the bootstrap dispatcher to the engine, translating the engine's answers to the dispatcher's. */
final class EngineHandler implements ChaosHandler {

    private final ChaosEngine engine;

    EngineHandler(ChaosEngine engine) {
        this.engine = engine;
    }

    @Override
    public Object enter(int site) throws Throwable {
        return entered(engine.enter(site));
    }

    @Override
    public Object enter(int site, long bits0, Object object0, long bits1, Object object1, long bits2, Object object2) throws Throwable {
        return entered(engine.enter(site, bits0, object0, bits1, object1, bits2, object2));
    }

    private static Object entered(Object result) {
        if (result == Fault.CONTINUE || result instanceof ThreadCalls) {
            return result == Fault.CONTINUE ? null : result;
        }
        return new ChaosDispatcher.Returning(result == null ? ChaosDispatcher.NULL_RESULT : result);
    }

    @Override
    public Object exit(Object token, boolean returnedNormally) throws Throwable {
        Object result = engine.exit(token, returnedNormally);
        if (result == Fault.CONTINUE) {
            return null;
        }
        return result == null ? ChaosDispatcher.NULL_RESULT : result;
    }
}
