package dev.chaosagent.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * kotlinc's suspend functions, run by kotlinx.coroutines on {@code Dispatchers.Default} and on a
 * single-threaded dispatcher: {@code Playlist#load} suspends three times, so the coroutine machinery
 * enters it four times for one call. One call must be counted and decided once, a fault at exit
 * must act once on the real result, and a latency must suspend rather than block the thread.
 */
class KotlinCoroutinesIT extends ForkedMatrix {

    private static final String CAUGHT = "=caught java.lang.IllegalStateException: chaos";

    @Override
    String fixtures() {
        return "com.example.matrix.kotlinc";
    }

    @Override
    String driverClass() {
        return "Coroutines";
    }

    @Test
    void withoutRulesTheFunctionsRunAsWritten() {
        assertThat(jvm.run(driver("load"), 2)).isEqualTo("=playlist-1|=playlist-1");
        assertThat(counters()).containsEntry("started", 2).containsEntry("finished", 2);
    }

    @Test
    void aSuspendCallIsCountedAndDecidedOnceHoweverOftenItResumes() {
        jvm.add("name=every-other-load " + target("Playlist#load") + " " + CHAOS + " every=2");
        assertThat(jvm.run(driver("load"), 10)).isEqualTo(alternating("=playlist-1", 10));
        assertThat(jvm.calls("every-other-load")).isEqualTo(10);
        assertThat(jvm.injections("every-other-load")).isEqualTo(5);
        assertThat(counters()).as("the injected calls never started their body").containsEntry("started", 5).containsEntry("finished", 5);
    }

    @Test
    void anExceptionAtExitActsOnceOnTheRealResultAfterTheBodyFinished() {
        jvm.add("name=lost-load " + target("Playlist#load") + " " + CHAOS + " at=exit every=2 limit=3");
        assertThat(jvm.run(driver("load"), 10)).isEqualTo(alternating("=playlist-1", 6) + "|=playlist-1|=playlist-1|=playlist-1|=playlist-1");
        assertThat(jvm.calls("lost-load")).isEqualTo(6);
        assertThat(jvm.injections("lost-load")).isEqualTo(3);
        assertThat(counters()).as("every body ran to its end: the side effects happened").containsEntry("started", 10)
                .containsEntry("finished", 10);
        assertThat(jvm.stderrSince(0)).doesNotContain("CoroutinesInternalError").doesNotContain("already resumed");
    }

    @Test
    void returnsAtEntrySkipsTheBodyAndAtExitReplacesTheRealResult() {
        jvm.add("name=fake-load " + target("Playlist#load") + " returns=\"fake\" limit=1");
        jvm.add("name=replaced-cached " + target("Playlist#cached") + " returns=\"replaced\" at=exit");
        assertThat(jvm.run(driver("load"), 2)).isEqualTo("=fake|=playlist-1");
        assertThat(jvm.run(driver("cached"), 2)).isEqualTo("=replaced|=replaced");
        assertThat(counters()).containsEntry("started", 3).containsEntry("finished", 3);
    }

    @Test
    void latencySuspendsTheCallAndNeverHoldsTheEventLoop() {
        jvm.add("name=slow-load " + target("Playlist#load") + " latency=200ms");
        jvm.run(driver("load"), 1);
        String answer = jvm.run(driver("loadsOnTheLoop"), 1);
        Matcher loop = Pattern.compile("=tick waited (\\d+)ms, 20 loaded, 20 distinct").matcher(answer);
        assertThat(loop.matches()).as(answer).isTrue();
        System.out.println("20 suspend calls under latency=200ms on a single-threaded dispatcher: " + answer);
        assertThat(Long.parseLong(loop.group(1))).as("a blocking latency would hold the one thread 20 x 200 ms").isLessThan(1_000);
        assertThat(jvm.millis(driver("load"), "=playlist-1")).isGreaterThanOrEqualTo(200);
        assertThat(jvm.calls("slow-load")).isEqualTo(22);
        assertThat(jvm.injections("slow-load")).isEqualTo(22);
        assertThat(counters()).containsEntry("started", 22).containsEntry("finished", 22);
    }

    @Test
    void latencyAtExitAndOnAFunctionThatNeverSuspends() {
        jvm.add("name=slow-end " + target("Playlist#load") + " latency=200ms at=exit");
        jvm.add("name=slow-cached " + target("Playlist#cached") + " latency=200ms");
        assertThat(jvm.millis(driver("load"), "=playlist-1")).isGreaterThanOrEqualTo(200);
        assertThat(jvm.millis(driver("cached"), "=cached-2")).isGreaterThanOrEqualTo(200);
        assertThat(jvm.calls("slow-end")).isEqualTo(1);
        assertThat(jvm.calls("slow-cached")).isEqualTo(1);
    }

    @Test
    void theKillSwitchResumesASuspendedCallAtOnce() {
        jvm.add("name=very-slow " + target("Playlist#cached") + " latency=10m");
        assertThat(jvm.run(driver("startBackground"), 1)).isEqualTo("=started");
        org.awaitility.Awaitility.await("the call to suspend").atMost(java.time.Duration.ofSeconds(10))
                .until(() -> jvm.injections("very-slow") == 1);
        jvm.ok("stop");
        long start = System.nanoTime();
        assertThat(jvm.run(driver("awaitBackground"), 1)).isEqualTo("=cached-3");
        assertThat((System.nanoTime() - start) / 1_000_000).as("resumed at once, not after 10 minutes").isLessThan(5_000);
    }

    /** Every second call caught, starting with the second, for {@code times} calls. */
    private static String alternating(String value, int times) {
        StringBuilder outcomes = new StringBuilder();
        for (int i = 1; i <= times; i++) {
            outcomes.append(i == 1 ? "" : "|").append(i % 2 == 0 ? CAUGHT : value);
        }
        return outcomes.toString();
    }
}
