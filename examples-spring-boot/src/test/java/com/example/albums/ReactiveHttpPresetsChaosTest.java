package com.example.albums;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.junit.ChaosControl;
import dev.chaosagent.junit.EnableChaos;
import java.net.ConnectException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The HTTP presets on Spring's reactive stack: a WebFlux application on Netty (started here beside
 * the servlet one, which Boot prefers when both are on the class path), and {@code WebClient} with
 * a filter. A status answers the request without the handler running, or without it leaving.
 */
@EnableChaos
class ReactiveHttpPresetsChaosTest {

    private static final AtomicInteger handled = new AtomicInteger();
    private static volatile String handlerThread;
    private static AnnotationConfigApplicationContext reactive;
    private static DisposableServer server;
    private static WebClient client;

    @BeforeAll
    static void startTheReactiveServer() {
        // Spring WebFlux on Reactor Netty, wired by hand: Boot would pick Tomcat's reactive adapter,
        // which the album application brings, and its Netty factory moved package between Boot 3 and 4.
        reactive = new AnnotationConfigApplicationContext(ReactiveAlbums.class);
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle(new ReactorHttpHandlerAdapter(WebHttpHandlerBuilder.applicationContext(reactive).build())).bindNow();
        client = WebClient.builder().baseUrl("http://127.0.0.1:" + server.port())
                .filter((request, next) -> next.exchange(request)).build();
    }

    @AfterAll
    static void stop() {
        server.disposeNow();
        reactive.close();
    }

    @Test
    void aServerStatusAnswersTheRequestsInScopeBeforeTheHandler(ChaosControl chaos) {
        chaos.add("name=acme-down preset=http-server http.path=/albums/* http.header.X-Tenant=acme status=503");
        int before = handled.get();

        assertThat(status("/albums/7", "acme")).isEqualTo(503);
        assertThat(handled.get()).as("the handler never ran").isEqualTo(before);
        assertThat(status("/albums/7", "other")).isEqualTo(200);
        assertThat(handled.get()).isEqualTo(before + 1);
        assertThat(handlerThread).as("served by Reactor Netty's event loop").startsWith("reactor-http-");
        assertThat(chaos.calls("acme-down")).isEqualTo(1);
        assertThat(chaos.injections("acme-down")).isEqualTo(1);
    }

    @Test
    void aClientStatusReachesWebClientAndNothingLeaves(ChaosControl chaos) {
        chaos.add("name=teapot preset=http-client http.host=127.0.0.1 http.method=get http.path=/albums/* status=418");
        int before = handled.get();

        assertThat(status("/albums/7", "other")).isEqualTo(418);
        assertThat(status("/albums/8", "other")).isEqualTo(418);
        assertThat(chaos.calls("teapot")).as("one call each through the filter").isEqualTo(2);
        assertThat(chaos.injections("teapot")).isEqualTo(2);
        assertThat(handled.get()).as("nothing left the client").isEqualTo(before);
    }

    /** WebClient is asynchronous (contract sections 11 and 12): the latency delays its Mono and never blocks the subscribing thread. */
    @Test
    void aClientLatencyDelaysWebClientsMonoWithoutBlocking(ChaosControl chaos) throws Exception {
        chaos.add("name=slow-albums preset=http-client http.path=/albums/* latency=300ms");
        int before = handled.get();

        long start = System.nanoTime();
        CompletableFuture<Integer> answer = request("/albums/7", "other").toFuture(); // subscribes: the exchange starts here
        long subscribedMillis = (System.nanoTime() - start) / 1_000_000;
        int status = answer.get(20, TimeUnit.SECONDS);
        long answeredMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("WebClient under latency=300ms: subscribed in " + subscribedMillis + "ms, answered in " + answeredMillis + "ms");

        assertThat(subscribedMillis).as("subscribing returned at once").isLessThan(200);
        assertThat(answeredMillis).as("the response came 300 ms late").isGreaterThanOrEqualTo(300);
        assertThat(status).isEqualTo(200);
        assertThat(handled.get()).isEqualTo(before + 1);
        assertThat(chaos.calls("slow-albums")).isEqualTo(1);
        assertThat(chaos.injections("slow-albums")).isEqualTo(1);
    }

    /** The default fault is the Mono's error, a connection error, and nothing leaves the client. */
    @Test
    void theClientDefaultFaultIsWebClientsMonoError(ChaosControl chaos) {
        chaos.add("name=albums-refused preset=http-client http.path=/albums/*");
        int before = handled.get();

        CompletableFuture<Integer> answer = request("/albums/7", "other").toFuture();
        assertThat(answer).failsWithin(20, TimeUnit.SECONDS).withThrowableThat().havingRootCause()
                .isInstanceOf(ConnectException.class).withMessage("chaos: connection refused");
        assertThat(handled.get()).as("nothing left the client").isEqualTo(before);
        assertThat(chaos.calls("albums-refused")).isEqualTo(1);
        assertThat(chaos.injections("albums-refused")).isEqualTo(1);
    }

    private static int status(String path, String tenant) {
        return request(path, tenant).block();
    }

    private static Mono<Integer> request(String path, String tenant) {
        return client.get().uri(path).header("X-Tenant", tenant)
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()));
    }

    /** A reactive album service: one route, counting the requests its handler runs for. */
    @Configuration(proxyBeanMethods = false)
    @EnableWebFlux
    static class ReactiveAlbums {
        @Bean
        RouterFunction<ServerResponse> albums() {
            return RouterFunctions.route(RequestPredicates.GET("/albums/{id}"), request -> {
                handled.incrementAndGet();
                handlerThread = Thread.currentThread().getName();
                return ServerResponse.ok().bodyValue("album " + request.pathVariable("id"));
            });
        }
    }
}
