package dev.chaosagent.instrument;

import dev.chaosagent.bootstrap.ChaosDispatcher;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into value-returning methods whose rules act only at entry and return nothing: the
 * dispatcher may delay or throw. Its sites are registered as unable to return, so the engine binds
 * no {@code returns} rule here (a new one waits for the method's retransformation).
 */
final class EntryAdvice {

    private EntryAdvice() {
    }

    @Advice.OnMethodEnter
    static void enter(@SiteId int site) throws Throwable {
        if (ChaosDispatcher.armed) {
            ChaosDispatcher.enter(site);
        }
    }
}
