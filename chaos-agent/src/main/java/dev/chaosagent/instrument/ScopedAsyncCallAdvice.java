package dev.chaosagent.instrument;

import dev.chaosagent.bootstrap.ChaosDispatcher;
import net.bytebuddy.asm.Advice;

/** The entry of {@link AsyncCallAdvice} for a method some rule scopes by its parameters, as {@link ScopedCallAdvice} passes them. */
final class ScopedAsyncCallAdvice {

    private ScopedAsyncCallAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = ChaosDispatcher.Returning.class)
    static Object enter(@SiteId int site, @Passed(0) long bits0, @Passed(0) Object object0, @Passed(1) long bits1,
                        @Passed(1) Object object1, @Passed(2) long bits2, @Passed(2) Object object2,
                        @Advice.Origin Class<?> origin) throws Throwable {
        return ChaosDispatcher.enterAsync(site, bits0, object0, bits1, object1, bits2, object2, origin);
    }
}
