package dev.chaosagent.instrument;

import dev.chaosagent.bootstrap.ChaosDispatcher;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into a method a preset learns from (a preset's {@code Recorder}): at its normal exit, hands
 * the receiver, the returned value and the parameter the recorder remembers to the dispatcher. It
 * never changes what the method does, and whatever fails in it stays in it.
 */
final class RecordAdvice {

    private RecordAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
    static void exit(@RecorderId int recorder, @Advice.This(optional = true) Object receiver,
                     @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned, @OperandArgument Object argument) {
        ChaosDispatcher.remember(recorder, receiver, returned, argument);
    }
}
