package dev.chaosagent.it;

import static dev.chaosagent.it.AsynchronousIT.matches;
import static dev.chaosagent.it.AsynchronousIT.millis;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.harness.ForkedJvm;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on methods that return Reactor's {@code Mono} and {@code Flux}, in a JVM whose application
 * has Reactor (the agent has none of its own): a delayed subscription that never holds the thread
 * that subscribes, error signals the application's {@code onErrorResume} sees, values, and faults
 * at exit after the publisher's own work.
 */
class ReactorIT {

    private static final Path LIBS = Path.of(System.getProperty("chaos.it.libs", "target/it-libs")).toAbsolutePath();
    private static final List<Path> REACTOR = List.of(LIBS.resolve("app-reactor-core.jar"), LIBS.resolve("app-reactive-streams.jar"));
    private static final Pattern LOOP = Pattern.compile("calls=(\\d+)ms loopWait=(\\d+)ms completed=(\\d+)\\.\\.(\\d+)ms");
    private static final Pattern TIMED = Pattern.compile("(.*) returned=(\\d+)ms completed=(\\d+)ms");

    @TempDir
    Path dir;

    @Test
    void latencyDelaysTheSubscriptionAndNeverTheEventLoop() throws Exception {
        try (ForkedJvm shop = withReactor("""
                rules:
                  - name: slow-tracks
                    target: com.example.shop.Tracks#track
                    latency: 200ms
                """)) {
            shop.result("async reactor loop 50"); // the JVM's first Reactor code, and the agent's first lookup of it
            Matcher loop = matches(LOOP, shop.result("async reactor loop 50"));
            System.out.println("50 Mono calls under latency=200ms on the loop: " + loop.group());
            assertThat(millis(loop, 1)).as("50 calls and subscriptions held the loop a fraction of the 10 s a blocking latency would")
                    .isLessThan(1_000);
            assertThat(millis(loop, 2)).as("a task queued behind them ran at once").isLessThan(200);
            assertThat(millis(loop, 3)).as("no value came before its delay").isGreaterThanOrEqualTo(200);
            assertThat(millis(loop, 4)).isLessThan(1_500);
            Matcher one = matches(TIMED, shop.result("async reactor mono"));
            assertThat(one.group(1)).isEqualTo("track-7");
            assertThat(millis(one, 2)).isLessThan(200);
            assertThat(millis(one, 3)).isGreaterThanOrEqualTo(200);
            assertThat(shop.result("describe")).containsPattern("slow-tracks +armed +101 +101 ");
        }
    }

    @Test
    void exceptionIsAnErrorSignalAndReturnsIsTheValueWithoutTheWork() throws Exception {
        try (ForkedJvm shop = withReactor("""
                rules:
                  - name: failing-tracks
                    target: com.example.shop.Tracks#track
                    exception: java.io.IOException
                    message: "chaos: storage offline"
                    every: 2
                  - name: empty-albums
                    target: com.example.shop.Tracks#album
                    returns: null
                """)) {
            assertThat(matches(TIMED, shop.result("async reactor mono")).group(1)).isEqualTo("track-7");
            assertThat(matches(TIMED, shop.result("async reactor mono")).group(1))
                    .as("the checked exception as an error signal, which onErrorResume handles")
                    .isEqualTo("handled java.io.IOException: chaos: storage offline");
            assertThat(shop.result("async reactor flux 3")).as("returns=null on a Flux: Flux.empty()").isEqualTo("ok []");
            assertThat(shop.result("async reactor subscriptions")).as("only the call not injected did its work").isEqualTo("ok 1");
            assertThat(shop.result("describe")).containsPattern("failing-tracks +armed +2 +1 ").containsPattern("empty-albums +armed +1 +1 ");
        }
    }

    @Test
    void atExitTheWorkIsDoneAndThenTheFaultActs() throws Exception {
        try (ForkedJvm shop = withReactor("""
                rules:
                  - name: late-failure
                    target: com.example.shop.Tracks#album
                    exception: java.lang.IllegalStateException
                    message: "chaos: stream cut"
                    at: exit
                  - name: replaced-track
                    target: com.example.shop.Tracks#track
                    returns: "b-side"
                    at: exit
                  - name: slow-end
                    target: com.example.shop.Tracks#track
                    latency: 200ms
                    at: exit
                """)) {
            assertThat(shop.result("async reactor flux 2")).as("the elements came, then the error instead of completion")
                    .isEqualTo("ok handled java.lang.IllegalStateException: chaos: stream cut");
            Matcher replaced = matches(TIMED, shop.result("async reactor mono"));
            assertThat(replaced.group(1)).isEqualTo("b-side");
            assertThat(shop.result("async reactor subscriptions")).as("both publishers' work ran").isEqualTo("ok 2");
            assertThat(shop.result("describe")).containsPattern("late-failure +armed +1 +1 ").containsPattern("replaced-track +armed +1 +1 ")
                    .as("the first rule that returns ends the call").containsPattern("slow-end +armed +0 +0 ");
        }
    }

    @Test
    void withoutReactorOnTheClassPathTheAgentLoadsNone() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: slow-quotes
                    target: com.example.shop.Quotes#quote
                    latency: 50ms
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan, "-verbose:class")) {
            assertThat(shop.result("async handled")).isEqualTo("ok quote-1");
            assertThat(shop.stdout()).noneMatch(line -> line.contains("reactor."));
        }
    }

    private ForkedJvm withReactor(String yaml) throws Exception {
        return ForkedJvm.start("config=" + Plans.write(dir, yaml), false, REACTOR);
    }
}
