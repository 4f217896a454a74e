package dev.chaosagent.instrument;

import dev.chaosagent.bootstrap.ChaosDispatcher;
import net.bytebuddy.asm.Advice;

/**
 * The entry of {@link CallAdvice} for a method some rule scopes by its parameters ({@code arg0=42}):
 * it also passes the parameters those rules name, as {@link PassedArguments} binds them. The exit is
 * {@link CallAdvice}'s.
 */
final class ScopedCallAdvice {

    private ScopedCallAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = ChaosDispatcher.Returning.class)
    static Object enter(@SiteId int site, @Passed(0) long bits0, @Passed(0) Object object0, @Passed(1) long bits1,
                        @Passed(1) Object object1, @Passed(2) long bits2, @Passed(2) Object object2) throws Throwable {
        return ChaosDispatcher.enter(site, bits0, object0, bits1, object1, bits2, object2);
    }
}
