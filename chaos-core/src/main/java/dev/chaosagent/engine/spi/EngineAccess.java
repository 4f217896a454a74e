package dev.chaosagent.engine.spi;

import dev.chaosagent.engine.ChaosEngine;

/**
 * How {@link SiteTable#of} reaches an engine's site table, which {@link ChaosEngine}'s API, made
 * for users, does not show. The engine's package grants the access once, as {@link ChaosEngine} is
 * initialised, so it is there before any engine exists.
 */
public final class EngineAccess {

    /** Reads an engine's site table. */
    public interface Sites {
        SiteTable of(ChaosEngine engine);
    }

    private static volatile Sites sites;

    private EngineAccess() {
    }

    /**
     * Called once, by {@link ChaosEngine}'s initialiser.
     *
     * @throws IllegalStateException when the access was already granted
     */
    public static synchronized void grant(Sites access) {
        if (sites != null) {
            throw new IllegalStateException("the engine's site access is already granted");
        }
        sites = access;
    }

    static SiteTable sites(ChaosEngine engine) {
        return sites.of(engine);
    }
}
