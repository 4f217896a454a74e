package dev.chaosagent.engine.spi;

/**
 * A call that some rule counted and that is still in progress: {@link SiteTable#enter} hands it to
 * the woven code, which hands it back to {@link SiteTable#exit} when the call ends.
 */
public interface OpenCall {
}
