package dev.chaosagent.engine.spi;

import dev.chaosagent.engine.ChaosEngine;

/**
 * How {@link SiteTable#of} reaches an engine's site table, which {@link ChaosEngine}'s API, made
 * for users, does not show. The engine's package grants the access once, as {@link ChaosEngine} is
 * initialised, so it is there before any engine exists.
 */
public final class EngineAccess {

    /** Reads an engine's site table. */
    public interface Reader {
        SiteTable of(ChaosEngine engine);
    }

    private static volatile Reader reader;

    private EngineAccess() {
    }

    /**
     * Called once, by {@link ChaosEngine}'s initialiser.
     *
     * @throws IllegalStateException when the access was already granted
     */
    public static synchronized void grant(Reader access) {
        if (reader != null) {
            throw new IllegalStateException("the engine's site table access is already granted");
        }
        reader = access;
    }

    static SiteTable sites(ChaosEngine engine) {
        return reader.of(engine);
    }
}
