package dev.chaosagent.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What every compiler's bytecode must give under chaos-agent, in one forked JVM per compiler. The
 * fixture of each compiler has the same two methods, written the same way in its language:
 * {@code int tryCatch()}, which returns {@code 5} from inside a try whose catch returns {@code -1},
 * and {@code int tryFinally()}, which returns {@code 5} from inside a try with a finally; counters
 * tell how often the body, the catch and the finally ran. Its {@code Driver} has a public static
 * no-argument method for each call the tests make.
 */
abstract class CompilerMatrix extends ForkedMatrix {

    @Test
    void withoutRulesTheMethodsRunAsWritten() {
        assertThat(jvm.run(driver("tryCatch"), 2)).isEqualTo("=5|=5");
        assertThat(jvm.run(driver("tryFinally"), 2)).isEqualTo("=5|=5");
        assertThat(counters()).containsEntry("bodies", 4).containsEntry("catches", 0).containsEntry("finallies", 2);
    }

    @Test
    void anExceptionAtEntryWithLimitOneReachesTheCallerExactlyOnce() {
        jvm.add("name=entry-once " + target("Fixture#tryCatch") + " " + CHAOS + " limit=1");
        assertThat(jvm.run(driver("tryCatch"), 3)).isEqualTo(THROWN + "|=5|=5");
        assertThat(jvm.injections("entry-once")).isEqualTo(1);
        assertThat(counters()).as("the body ran for the calls not injected; the catch never")
                .containsEntry("bodies", 2).containsEntry("catches", 0);
    }

    @Test
    void returnsAndLatencyAtEntrySkipOrDelayTheBody() {
        jvm.add("name=entry-returns " + target("Fixture#tryFinally") + " returns=42");
        assertThat(jvm.run(driver("tryFinally"), 2)).isEqualTo("=42|=42");
        assertThat(counters()).as("neither the body nor its finally ran").containsEntry("bodies", 0).containsEntry("finallies", 0);

        jvm.add("name=entry-latency " + target("Fixture#tryCatch") + " latency=100ms");
        assertThat(jvm.millis(driver("tryCatch"), "=5")).isGreaterThanOrEqualTo(100);
        assertThat(counters()).containsEntry("bodies", 1).containsEntry("catches", 0);
    }

    @Test
    void anExceptionAtExitReachesTheCallerPastTheMethodsOwnCatch() {
        jvm.add("name=exit-catch " + target("Fixture#tryCatch") + " " + CHAOS + " at=exit every=2");
        assertThat(jvm.run(driver("tryCatch"), 10)).isEqualTo(everySecondThrows("5", 10));
        assertThat(jvm.calls("exit-catch")).isEqualTo(10);
        assertThat(jvm.injections("exit-catch")).isEqualTo(5);
        assertThat(counters()).as("every body ran; the method's catch, as without chaos, never")
                .containsEntry("bodies", 10).containsEntry("catches", 0);
    }

    @Test
    void aFinallyRunsOnceACallWhenTheExitThrows() {
        jvm.add("name=exit-finally " + target("Fixture#tryFinally") + " " + CHAOS + " at=exit every=2");
        assertThat(jvm.run(driver("tryFinally"), 10)).isEqualTo(everySecondThrows("5", 10));
        assertThat(jvm.calls("exit-finally")).isEqualTo(10);
        assertThat(jvm.injections("exit-finally")).isEqualTo(5);
        assertThat(counters()).as("the finally ran once a call, as without chaos")
                .containsEntry("bodies", 10).containsEntry("finallies", 10);
    }

    @Test
    void returnsAndLatencyAtExitActAfterTheBody() {
        jvm.add("name=exit-returns " + target("Fixture#tryFinally") + " returns=42 at=exit");
        assertThat(jvm.run(driver("tryFinally"), 2)).isEqualTo("=42|=42");
        assertThat(counters()).containsEntry("bodies", 2).containsEntry("finallies", 2);

        jvm.add("name=exit-latency " + target("Fixture#tryCatch") + " latency=100ms at=exit");
        assertThat(jvm.millis(driver("tryCatch"), "=5")).isGreaterThanOrEqualTo(100);
        assertThat(counters()).containsEntry("bodies", 3).containsEntry("catches", 0);
    }

    @Test
    void removingTheLastRuleRestoresTheOriginalBytecode() {
        assertThat(jvm.run(driver("tryCatch"), 1)).isEqualTo("=5");
        String original = jvm.shape(fixtures() + ".Fixture");
        jvm.add("name=restore-entry " + target("Fixture#tryCatch") + " latency=1ms");
        jvm.add("name=restore-exit " + target("Fixture#tryFinally") + " returns=1 at=exit");
        assertThat(jvm.shape(fixtures() + ".Fixture")).as("woven").isNotEqualTo(original);
        jvm.ok("stop");
        assertThat(jvm.shape(fixtures() + ".Fixture")).as("restored").isEqualTo(original);
        assertThat(jvm.run(driver("tryFinally"), 1)).isEqualTo("=5");
    }
}
