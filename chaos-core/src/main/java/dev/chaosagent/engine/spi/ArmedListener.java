package dev.chaosagent.engine.spi;

/** Follows whether any rule can act (see {@link SiteTable#addArmedListener}); must be quick, it runs under the engine's lock. */
@FunctionalInterface
public interface ArmedListener {
    void armedChanged(boolean armed);
}
