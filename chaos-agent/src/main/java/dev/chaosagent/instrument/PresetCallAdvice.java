package dev.chaosagent.instrument;

import dev.chaosagent.bootstrap.ChaosDispatcher;
import net.bytebuddy.asm.Advice;

/**
 * The entry of {@link CallAdvice} for a method a preset binds: it also passes the operand the preset
 * reads ({@link OperandArgument}: the receiver or a parameter) and the parameters that {@code argN}
 * keys name. The exit is {@link CallAdvice}'s.
 */
final class PresetCallAdvice {

    private PresetCallAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = ChaosDispatcher.Returning.class)
    static Object enter(@SiteId int site, @OperandArgument Object operand, @Passed(0) long bits0, @Passed(0) Object object0,
                        @Passed(1) long bits1, @Passed(1) Object object1, @Passed(2) long bits2, @Passed(2) Object object2)
            throws Throwable {
        return ChaosDispatcher.enterOperation(site, operand, bits0, object0, bits1, object1, bits2, object2);
    }
}
