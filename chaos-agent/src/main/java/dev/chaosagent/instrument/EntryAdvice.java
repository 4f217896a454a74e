package dev.chaosagent.instrument;

import dev.chaosagent.bootstrap.ChaosDispatcher;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into value-returning methods whose rules act only at entry and return nothing: the
 * dispatcher may delay or throw; a value it returns (only while a new {@code returns} rule waits for
 * its retransformation) is ignored rather than skipping the body with a default value.
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
