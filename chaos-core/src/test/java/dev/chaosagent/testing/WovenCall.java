package dev.chaosagent.testing;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.engine.spi.OpenCall;
import dev.chaosagent.engine.spi.SiteTable;

/** Calls the engine the way woven code does for one call of a method: entry, the body, exit. */
public final class WovenCall {

    private WovenCall() {
    }

    /** A call whose body returns normally: what the engine decided, null for nothing. */
    public static Object call(ChaosEngine engine, int site) throws Throwable {
        return call(engine, site, () -> { });
    }

    /** A call whose body is {@code body}; its exception, if any, ends the call as it would a method. */
    public static Object call(ChaosEngine engine, int site, Body body) throws Throwable {
        SiteTable sites = SiteTable.of(engine);
        Object entered = sites.enter(site);
        if (entered == null) {
            body.run(); // nothing open: the woven code runs the body and has nothing to do at exit
            return entered;
        }
        if (!(entered instanceof OpenCall)) {
            return entered;
        }
        try {
            body.run();
        } catch (Throwable thrown) {
            sites.exit(entered, false);
            throw thrown;
        }
        return sites.exit(entered, true);
    }

    /** The body of a method under test. */
    public interface Body {
        void run() throws Throwable;
    }
}
