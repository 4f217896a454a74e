package dev.chaosagent.instrument;

import dev.chaosagent.bootstrap.ChaosDispatcher;
import net.bytebuddy.asm.Advice;

/**
 * The entry of {@link AsyncCallAdvice} for a method a preset binds that returns a future or a
 * publisher ({@code HttpClient#sendAsync}, WebClient's {@code ExchangeFunction#exchange}): it passes
 * the operand and parameters as {@link PresetCallAdvice} does, and the exit is {@link AsyncCallAdvice}'s,
 * so that the preset's latency or exception acts on what the method returns, never in the calling thread.
 */
final class PresetAsyncCallAdvice {

    private PresetAsyncCallAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = ChaosDispatcher.Returning.class)
    static Object enter(@SiteId int site, @OperandArgument Object operand, @Passed(0) long bits0, @Passed(0) Object object0,
                        @Passed(1) long bits1, @Passed(1) Object object1, @Passed(2) long bits2, @Passed(2) Object object2,
                        @Advice.Origin Class<?> origin) throws Throwable {
        return ChaosDispatcher.enterAsyncOperation(site, operand, bits0, object0, bits1, object1, bits2, object2, origin);
    }
}
