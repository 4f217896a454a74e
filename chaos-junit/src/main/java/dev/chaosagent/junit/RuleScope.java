package dev.chaosagent.junit;

import dev.chaosagent.engine.ChaosEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The rules of one test (or one test class), with the seed they roll with. Kept in the
 * {@code ExtensionContext.Store}: JUnit closes it when the test ends, pass or fail, which removes the
 * rules before the next test starts and puts the previous seed back.
 *
 * <p>It is both kinds of closeable that JUnit knows: before 5.13 JUnit closes only a
 * {@code CloseableResource}; from 5.13 on (and in 6) it closes an {@code AutoCloseable}, or, when
 * {@code junit.jupiter.extensions.store.close.autocloseable.enabled=false}, still the
 * {@code CloseableResource} (deprecated since 5.13, not for removal). Either way exactly once.
 */
@SuppressWarnings("deprecation")
final class RuleScope implements AutoCloseable, ExtensionContext.Store.CloseableResource {

    private final ChaosEngine engine;
    private final long seed;
    private final Long previousSeed;
    private final List<String> names = new ArrayList<>();
    private final List<Runnable> atClose = new ArrayList<>();

    RuleScope(ChaosEngine engine, long seed) {
        this.engine = engine;
        this.previousSeed = engine.seed().orElse(null);
        engine.setSeed(seed);
        this.seed = engine.seed().orElse(seed);
    }

    long seed() {
        return seed;
    }

    /** Seeds the rules added from now on with this scope's seed (an inner scope may have changed it). */
    void activate() {
        engine.setSeed(seed);
    }

    synchronized void track(String name) {
        if (!names.contains(name)) {
            names.add(name);
        }
    }

    synchronized void untrack(String name) {
        names.remove(name);
    }

    /** Something else of this scope to undo when it closes (an experiment it started). */
    synchronized void atClose(Runnable undo) {
        atClose.add(undo);
    }

    @Override
    public synchronized void close() {
        atClose.forEach(Runnable::run);
        atClose.clear();
        for (String name : names) {
            engine.remove(name);
        }
        names.clear();
        engine.setSeed(previousSeed);
    }
}
