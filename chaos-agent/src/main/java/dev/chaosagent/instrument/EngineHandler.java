package dev.chaosagent.instrument;

import dev.chaosagent.bootstrap.ChaosDispatcher;
import dev.chaosagent.bootstrap.ChaosHandler;
import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.fault.Fault;

/** Connects the bootstrap dispatcher to the engine, translating the engine's results to the dispatcher's. */
final class EngineHandler implements ChaosHandler {

    private final ChaosEngine engine;

    EngineHandler(ChaosEngine engine) {
        this.engine = engine;
    }

    @Override
    public Object enter(int site) throws Throwable {
        return translate(engine.enter(site));
    }

    @Override
    public Object exit(int site) throws Throwable {
        return translate(engine.exit(site));
    }

    private static Object translate(Object result) {
        if (result == Fault.CONTINUE) {
            return null;
        }
        return result == null ? ChaosDispatcher.NULL_RESULT : result;
    }
}
