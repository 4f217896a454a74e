package dev.chaosagent.instrument;

import dev.chaosagent.bootstrap.ChaosDispatcher;
import net.bytebuddy.asm.Advice;

/** Inlined into void methods whose rules act only at entry: may delay, throw, or skip the body ({@code returns=null}). */
final class VoidEntryAdvice {

    private VoidEntryAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(@SiteId int site) throws Throwable {
        return ChaosDispatcher.armed ? ChaosDispatcher.enter(site) : null;
    }
}
