package dev.chaosagent.instrument;

import dev.chaosagent.bootstrap.ChaosDispatcher;
import net.bytebuddy.asm.Advice;

/** Inlined into void methods: entry may skip the body ({@code returns=null}); exit may delay or throw. */
final class VoidMethodAdvice {

    private VoidMethodAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(@SiteId int site) throws Throwable {
        return ChaosDispatcher.armed ? ChaosDispatcher.enter(site) : null;
    }

    @Advice.OnMethodExit
    static void exit(@SiteId int site, @Advice.Enter Object skipped) throws Throwable {
        if (skipped == null && ChaosDispatcher.armed) {
            ChaosDispatcher.exit(site);
        }
    }
}
