package dev.chaosagent.instrument;

import dev.chaosagent.bootstrap.ChaosDispatcher;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into methods that return a value. Entry may skip the body with a value to return; exit
 * may replace the returned value. Nothing here catches: the only exceptions that leave are the
 * ones a rule injects (the engine catches its own failures).
 */
final class ValueMethodAdvice {

    private ValueMethodAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(@SiteId int site) throws Throwable {
        return ChaosDispatcher.armed ? ChaosDispatcher.enter(site) : null;
    }

    @Advice.OnMethodExit
    static void exit(@SiteId int site, @Advice.Enter Object skipped,
                     @Advice.Return(readOnly = false, typing = net.bytebuddy.implementation.bytecode.assign.Assigner.Typing.DYNAMIC) Object returned)
            throws Throwable {
        Object replacement = skipped != null ? skipped : ChaosDispatcher.armed ? ChaosDispatcher.exit(site) : null;
        if (replacement != null) {
            returned = replacement == ChaosDispatcher.NULL_RESULT ? null : replacement;
        }
    }
}
