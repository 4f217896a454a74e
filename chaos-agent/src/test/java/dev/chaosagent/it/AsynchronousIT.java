package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.chaosagent.harness.ForkedJvm;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on methods that return a {@code CompletableFuture} or {@code CompletionStage}, called from a
 * single-thread executor that stands for an event loop: the loop is never held, the futures carry
 * the faults, and the application's own handlers see them.
 */
class AsynchronousIT {

    private static final Pattern LOOP = Pattern.compile("calls=(\\d+)ms loopWait=(\\d+)ms completed=(\\d+)\\.\\.(\\d+)ms");
    private static final Pattern TIMED = Pattern.compile("(.*) returned=(\\d+)ms completed=(\\d+)ms");

    @TempDir
    Path dir;

    @Test
    void latencyDelaysEachFutureAndNeverTheEventLoop() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: slow-quotes
                    target: com.example.shop.Quotes#quote
                    latency: 200ms
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            Matcher loop = matches(LOOP, shop.result("async loop 50"));
            System.out.println("50 calls under latency=200ms on the loop: " + loop.group());
            assertThat(millis(loop, 1)).as("50 calls held the loop a fraction of the 10 s a blocking latency would").isLessThan(1_000);
            assertThat(millis(loop, 2)).as("a task queued behind them ran at once, not after a delay").isLessThan(200);
            assertThat(millis(loop, 3)).as("no future completed before its delay").isGreaterThanOrEqualTo(200);
            assertThat(millis(loop, 4)).as("each completed about 200 ms after its call").isLessThan(1_500);
            assertThat(shop.result("describe")).containsPattern("slow-quotes +armed +50 +50 ");
            assertThat(shop.result("async threadsNamed async-delays")).as("one scheduler thread for every delay").isEqualTo("ok 1");
        }
    }

    @Test
    void asyncOffSleepsInTheCallingThreadAsBefore() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: blocking-quotes
                    target: com.example.shop.Quotes#quote
                    latency: 100ms
                    async: off
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            Matcher loop = matches(LOOP, shop.result("async loop 3"));
            assertThat(millis(loop, 1)).as("three calls slept 100 ms each on the loop").isGreaterThanOrEqualTo(300);
            assertThat(shop.result("describe")).contains("async=off");
        }
    }

    @Test
    void exceptionIsAFailedFutureThatTheApplicationHandlesEveryOtherCall() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: flaky-quotes
                    target: com.example.shop.Quotes#quote
                    exception: java.io.IOException
                    message: "chaos: quote service reset"
                    every: 2
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            for (int i = 0; i < 3; i++) {
                assertThat(shop.result("async handled")).isEqualTo("ok quote-1");
                assertThat(shop.result("async handled")).as("a checked exception Quotes#quote does not declare, delivered as the future's failure")
                        .isEqualTo("ok handled java.io.IOException: chaos: quote service reset");
            }
            assertThat(shop.result("describe")).containsPattern("flaky-quotes +armed +6 +3 ");
        }
    }

    @Test
    void atExitTheBodyHasRunAndItsResultFails() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: lost-save
                    target: com.example.shop.Quotes#save
                    exception: java.lang.IllegalStateException
                    message: "chaos: commit lost"
                    at: exit
                    limit: 2
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            assertThat(shop.result("async save a")).isEqualTo("ok failed java.lang.IllegalStateException: chaos: commit lost, body ran 1 time(s)");
            assertThat(shop.result("async save b")).isEqualTo("ok failed java.lang.IllegalStateException: chaos: commit lost, body ran 1 time(s)");
            assertThat(shop.result("async save c")).as("the limit is reached").isEqualTo("ok saved c, body ran 1 time(s)");
            assertThat(shop.result("describe")).as("an exhausted rule counts no more calls").containsPattern("lost-save +exhausted +2 +2 ");
        }
    }

    @Test
    void returnsCompletesWithTheValueAtEntryWithoutTheBodyAndAtExitAfterIt() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: fake-save
                    target: com.example.shop.Quotes#save
                    returns: "faked"
                    limit: 1
                  - name: replaced-save
                    target: com.example.shop.Quotes#save
                    returns: null
                    at: exit
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            assertThat(shop.result("async save a")).isEqualTo("ok faked, body ran 0 time(s)");
            assertThat(shop.result("async save b")).isEqualTo("ok null, body ran 1 time(s)");
        }
    }

    @Test
    void removingTheRuleCompletesTenThousandPendingDelaysAtOnce() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: very-slow-quotes
                    target: com.example.shop.Quotes#quote
                    latency: 10m
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            assertThat(shop.result("async pending 10000")).startsWith("ok 10000 started");
            assertThat(shop.result("async pendingDone")).startsWith("ok 0 done");
            assertThat(shop.result("async threadsNamed async-delays")).isEqualTo("ok 1");
            assertThat(shop.result("async remove very-slow-quotes")).isEqualTo("ok true");
            String done = Awaitility.await("every pending future to complete").atMost(Duration.ofSeconds(5))
                    .until(() -> shop.result("async pendingDone"), answer -> answer.startsWith("ok 10000 done"));
            System.out.println("after the rule's removal: " + done);
        }
    }

    @Test
    void theKillSwitchCompletesPendingDelaysAtOnce() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: very-slow-quotes
                    target: com.example.shop.Quotes#quote
                    latency: 10m
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            assertThat(shop.result("async pending 100")).startsWith("ok 100 started");
            shop.result("async stopAll");
            Awaitility.await("every pending future to complete").atMost(Duration.ofSeconds(1))
                    .until(() -> shop.result("async pendingDone"), answer -> answer.startsWith("ok 100 done"));
        }
    }

    @Test
    void theJdkHttpClientsSendAsyncIsDelayedAndFailedWithoutBlocking() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/album", exchange -> {
            byte[] body = "abbey-road".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String uri = "http://127.0.0.1:" + server.getAddress().getPort() + "/album";
        Path plan = Plans.write(dir, """
                rules:
                  - name: slow-http
                    target: java.net.http.HttpClient+#sendAsync
                    latency: 300ms
                    every: 2
                  - name: refused-http
                    target: java.net.http.HttpClient+#sendAsync
                    exception: java.net.ConnectException
                    message: "chaos: connection refused"
                    every: 3
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            List<String> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Matcher call = matches(TIMED, shop.result("async sendAsync " + uri));
                outcomes.add(call.group(1));
                System.out.println("sendAsync call " + (i + 1) + ": " + call.group());
                if (i == 1) {
                    assertThat(millis(call, 2)).as("the delayed call's sendAsync returned at once").isLessThan(300);
                    assertThat(millis(call, 3)).as("its response came 300 ms late").isGreaterThanOrEqualTo(300);
                }
            }
            assertThat(outcomes).containsExactly("200 abbey-road", "200 abbey-road",
                    "handled java.net.ConnectException: chaos: connection refused");
            assertThat(shop.result("describe")).containsPattern("slow-http +armed +3 +1 ").containsPattern("refused-http +armed +3 +1 ");
        } finally {
            server.stop(0);
        }
    }

    static Matcher matches(Pattern pattern, String answer) {
        Matcher matcher = pattern.matcher(answer.replaceFirst("^ok ", ""));
        assertThat(matcher.matches()).as("answer %s", answer).isTrue();
        return matcher;
    }

    static long millis(Matcher matcher, int group) {
        return Long.parseLong(matcher.group(group));
    }
}
