package dev.chaosagent.instrument;

import dev.chaosagent.bootstrap.ChaosDispatcher;
import dev.chaosagent.bootstrap.ChaosHandler;
import dev.chaosagent.engine.SiteTable;
import dev.chaosagent.engine.ThreadCalls;
import dev.chaosagent.fault.Fault;
import dev.chaosagent.preset.Presets;

/** Connects the bootstrap dispatcher to the engine's per-call path, translating its answers to the dispatcher's. */
final class EngineHandler implements ChaosHandler {

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
        if (result == Fault.CONTINUE || result instanceof ThreadCalls) {
            return result == Fault.CONTINUE ? null : result;
        }
        return new ChaosDispatcher.Returning(result == null ? ChaosDispatcher.NULL_RESULT : result);
    }

    @Override
    public Object exit(Object token, boolean returnedNormally) throws Throwable {
        Object result = sites.exit(token, returnedNormally);
        if (result == Fault.CONTINUE) {
            return null;
        }
        return result == null ? ChaosDispatcher.NULL_RESULT : result;
    }
}
