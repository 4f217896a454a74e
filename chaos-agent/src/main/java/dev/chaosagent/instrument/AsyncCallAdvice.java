package dev.chaosagent.instrument;

import dev.chaosagent.bootstrap.ChaosDispatcher;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@link CallAdvice} for a method whose declared return type is asynchronous: the dispatcher also
 * gets the declaring class (whose loader sees Reactor, when the application has it) and, at the
 * exit, what the method returned, so that a fault acts on the asynchronous result rather than in
 * the calling thread, which may be an event loop.
 */
final class AsyncCallAdvice {

    private AsyncCallAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = ChaosDispatcher.Returning.class)
    static Object enter(@SiteId int site, @Advice.Origin Class<?> origin) throws Throwable {
        return ChaosDispatcher.enterAsync(site, origin);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, backupArguments = false)
    static void exit(@Advice.Enter Object entered, @Advice.Thrown Throwable thrown, @Advice.Origin Class<?> origin,
                     @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) throws Throwable {
        if (entered != null) {
            Object replacement = ChaosDispatcher.exitAsync(entered, thrown, returned, origin);
            if (replacement != null) {
                returned = ChaosDispatcher.value(replacement);
            }
        }
    }
}
