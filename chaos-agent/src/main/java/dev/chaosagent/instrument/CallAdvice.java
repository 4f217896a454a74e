package dev.chaosagent.instrument;

import dev.chaosagent.bootstrap.ChaosDispatcher;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The code inlined into every targeted method. Before the body: the dispatcher decides, and may
 * delay, throw, or have the body skipped. After it, at the one exit Byte Buddy builds outside every
 * try range of the method (so the method's own {@code catch} and {@code finally} never see what is
 * injected there): the dispatcher closes the call, and may delay, throw, or replace the return
 * value. Nothing here is suppressed: an injected exception must reach the caller, and the
 * dispatcher never throws anything else.
 */
final class CallAdvice {

    private CallAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = ChaosDispatcher.Returning.class)
    static Object enter(@SiteId int site) throws Throwable {
        return ChaosDispatcher.enter(site);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, backupArguments = false)
    static void exit(@Advice.Enter Object entered, @Advice.Thrown Throwable thrown,
                     @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) throws Throwable {
        if (entered != null) {
            Object replacement = ChaosDispatcher.exit(entered, thrown);
            if (replacement != null) {
                returned = ChaosDispatcher.value(replacement);
            }
        }
    }
}
