package dev.chaosagent.instrument;

import dev.chaosagent.bootstrap.ChaosDispatcher;
import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.engine.spi.ArmedListener;
import dev.chaosagent.engine.spi.SiteTable;

/**
 * Fills the dispatcher's slot with the engine. A class of its own because it names the bootstrap
 * classes: it must not be loaded (and verified) before {@link BootstrapJar} has put them in place.
 */
final class DispatcherLink {

    private DispatcherLink() {
    }

    /** Returns the dispatcher's module, which the modules of instrumented classes must read. */
    static Module connect(ChaosEngine engine) {
        ChaosDispatcher.install(new EngineHandler(SiteTable.of(engine)));
        SiteTable.of(engine).addArmedListener(new ArmedListener() { // not a lambda: a plan's first rule links on the start-up path
            @Override
            public void armedChanged(boolean armed) {
                ChaosDispatcher.arm(armed);
            }
        });
        return ChaosDispatcher.class.getModule();
    }
}
