package com.example.albums;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.ratings.AlbumRatings;
import dev.chaosagent.junit.ChaosControl;
import dev.chaosagent.junit.EnableChaos;
import dev.chaosagent.junit.InjectLatency;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A latency on a {@code Mono}-returning service under a Spring WebFlux application on Reactor Netty,
 * whose server runs on ONE event-loop thread: the rule delays the rating's subscription and the loop goes on
 * serving the other route at full speed; the same rule with {@code async=off} sleeps in the loop,
 * and every request waits behind it.
 */
@EnableChaos
class ReactiveLatencyChaosTest {

    private static final String RATING = "com.example.ratings.AlbumRatings#rating";
    private static final int SLOW = 20;
    private static final int FAST = 20;
    private static final long LATENCY_MS = 200;
    /** Well under the latency: what "full speed" means for a route on a loop that never waits. */
    private static final long FAST_BOUND_MS = 150;

    /** The threads the handlers ran on: one, or the test proves nothing about a loop. */
    private static final Set<String> loopThreads = ConcurrentHashMap.newKeySet();
    private static AnnotationConfigApplicationContext context;
    private static DisposableServer server;
    private static LoopResources loop;
    private static HttpClient http;
    private static String base;

    @BeforeAll
    static void startTheReactiveServer() {
        // Spring WebFlux on Reactor Netty, wired by hand: Boot would pick Tomcat, which the album
        // application brings, and its Netty factory moved package between Boot 3 and 4.
        context = new AnnotationConfigApplicationContext(RatedAlbums.class);
        loop = LoopResources.create("albums-loop", 1, true);
        server = HttpServer.create().host("127.0.0.1").port(0).runOn(loop)
                .handle(new ReactorHttpHandlerAdapter(WebHttpHandlerBuilder.applicationContext(context).build())).bindNow();
        base = "http://127.0.0.1:" + server.port();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // The JIT, the connection pool and Reactor's first subscriptions: not what is measured.
        for (int round = 0; round < 3; round++) {
            join(fire("/albums/%d/rating", SLOW));
            join(fire("/albums/%d", FAST));
        }
        assertThat(loopThreads).as("the handlers ran on one event-loop thread").hasSize(1).allMatch(name -> name.startsWith("albums-loop"));
    }

    @AfterAll
    static void stop() {
        server.disposeNow();
        loop.dispose();
        context.close();
    }

    @Test
    @InjectLatency(name = "slow-ratings", target = RATING, value = "200ms")
    void theLoopServesTheFastRouteWhileTheRatingsWait(ChaosControl chaos) {
        List<CompletableFuture<Answer>> slow = fire("/albums/%d/rating", SLOW);
        // Every slow request is in its handler, its rating's subscription delayed: now the other route.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2))
                .until(() -> chaos.calls("slow-ratings") == SLOW);
        List<Answer> fast = fastUntilAnswered(slow);
        List<Answer> rated = join(slow);

        report("async=auto", fast, rated);
        assertThat(fast).as("answered while every rating was pending").anyMatch(Answer::whileAllPending);
        assertThat(fast).allSatisfy(answer -> assertThat(answer.millis()).isLessThan(FAST_BOUND_MS));
        assertThat(rated).allSatisfy(answer -> assertThat(answer.millis()).isGreaterThanOrEqualTo(LATENCY_MS));
        assertThat(rated).extracting(Answer::body).containsExactlyElementsOf(
                IntStream.range(0, SLOW).mapToObj(id -> "album " + id + ": " + (id % 5 + 1) + " stars").toList());
        assertThat(chaos.calls("slow-ratings")).isEqualTo(SLOW);
        assertThat(chaos.injections("slow-ratings")).isEqualTo(SLOW);
    }

    @Test
    void theSameLatencyInTheCallingThreadStallsTheLoop(ChaosControl chaos) {
        chaos.add("name=blocking-ratings target=" + RATING + " latency=200ms async=off");
        List<CompletableFuture<Answer>> slow = fire("/albums/%d/rating", SLOW);
        // The first slow request sleeps in the loop; the others, and the fast route, wait behind it.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2))
                .until(() -> chaos.calls("blocking-ratings") >= 1);
        List<Answer> fast = fastUntilAnswered(slow);
        List<Answer> rated = join(slow);

        report("async=off", fast, rated);
        assertThat(fast).extracting(Answer::millis).as("the fast route waited for a sleep in the loop")
                .anyMatch(millis -> millis >= FAST_BOUND_MS);
        assertThat(rated).extracting(Answer::millis).as("one loop thread: the sleeps one after the other")
                .anyMatch(millis -> millis >= SLOW * LATENCY_MS);
        assertThat(chaos.calls("blocking-ratings")).isEqualTo(SLOW);
        assertThat(chaos.injections("blocking-ratings")).isEqualTo(SLOW);
    }

    /** {@code count} concurrent GETs of the path with the ids 0..count-1, each timed from its send. */
    private static List<CompletableFuture<Answer>> fire(String path, int count) {
        return IntStream.range(0, count).mapToObj(id -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path.formatted(id))).build();
            long sent = System.nanoTime();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
                assertThat(response.statusCode()).isEqualTo(200);
                return new Answer(response.body(), millis, false);
            });
        }).toList();
    }

    /** The fast route, one request after the other, until every slow request is answered. */
    private static List<Answer> fastUntilAnswered(List<CompletableFuture<Answer>> slow) {
        List<Answer> fast = new ArrayList<>();
        do {
            Answer answer = join(fire("/albums/%d", 1)).get(0);
            fast.add(new Answer(answer.body(), answer.millis(), slow.stream().noneMatch(CompletableFuture::isDone)));
        } while (!slow.stream().allMatch(CompletableFuture::isDone));
        return fast;
    }

    private static List<Answer> join(List<CompletableFuture<Answer>> answers) {
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .until(() -> answers.stream().allMatch(CompletableFuture::isDone));
        return answers.stream().map(CompletableFuture::join).toList();
    }

    /** The figures, for the build log: the bounds are asserted, the distribution is read. */
    private static void report(String mode, List<Answer> fast, List<Answer> rated) {
        System.out.printf("ReactiveLatencyChaosTest %s: fast route ms %s (%d while every rating was pending); rated route ms %s%n", mode,
                fast.stream().map(Answer::millis).sorted().toList(), fast.stream().filter(Answer::whileAllPending).count(), rated.stream().map(Answer::millis).sorted().toList());
    }

    /** A response, the time it took, and whether every rating was still pending when it came. */
    private record Answer(String body, long millis, boolean whileAllPending) {}

    /** Two routes on one Netty event-loop thread: an album, and an album with its rating. */
    @Configuration(proxyBeanMethods = false)
    @EnableWebFlux
    @Import(AlbumRatings.class)
    static class RatedAlbums {
        @Bean
        RouterFunction<ServerResponse> albums(AlbumRatings ratings) {
            return RouterFunctions.route(RequestPredicates.GET("/albums/{id}"),
                            request -> {
                                loopThreads.add(Thread.currentThread().getName());
                                return ServerResponse.ok().bodyValue("album " + request.pathVariable("id"));
                            })
                    .andRoute(RequestPredicates.GET("/albums/{id}/rating"), request -> {
                        loopThreads.add(Thread.currentThread().getName());
                        long id = Long.parseLong(request.pathVariable("id"));
                        return ratings.rating(id)
                                .flatMap(stars -> ServerResponse.ok().bodyValue("album " + id + ": " + stars + " stars"));
                    });
        }
    }
}
