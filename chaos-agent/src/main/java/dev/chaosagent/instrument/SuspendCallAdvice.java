package dev.chaosagent.instrument;

import dev.chaosagent.bootstrap.ChaosDispatcher;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@link CallAdvice} for a Kotlin suspend function: the dispatcher also gets the continuation it was
 * called with, which tells a new call from a resumption of one (the coroutine machinery enters the
 * function again each time its work resumes), and sees {@code COROUTINE_SUSPENDED} come back, which
 * is not the call's result.
 */
final class SuspendCallAdvice {

    private SuspendCallAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = ChaosDispatcher.Returning.class)
    static Object enter(@SiteId int site, @Advice.Origin Class<?> origin, @Continuation Object continuation) throws Throwable {
        return ChaosDispatcher.enterSuspend(site, origin, continuation);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, backupArguments = false)
    static void exit(@Advice.Enter Object entered, @Advice.Thrown Throwable thrown, @Advice.Origin Class<?> origin,
                     @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) throws Throwable {
        if (entered != null) {
            Object replacement = ChaosDispatcher.exitSuspend(entered, thrown, returned, origin);
            if (replacement != null) {
                returned = ChaosDispatcher.value(replacement);
            }
        }
    }
}
