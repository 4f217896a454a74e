package com.example.albums;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.junit.ChaosControl;
import dev.chaosagent.junit.EnableChaos;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The HTTP presets on Spring's reactive stack: a WebFlux application on Netty (started here beside
 * the servlet one, which Boot prefers when both are on the class path), and {@code WebClient} with
 * a filter. A status answers the request without the handler running, or without it leaving.
 */
@EnableChaos
class ReactiveHttpPresetsChaosTest {

    private static final AtomicInteger handled = new AtomicInteger();
    private static ConfigurableApplicationContext reactive;
    private static WebClient client;

    @BeforeAll
    static void startTheReactiveServer() {
        reactive = new SpringApplicationBuilder(ReactiveAlbums.class).web(WebApplicationType.REACTIVE)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off").run();
        client = WebClient.builder().baseUrl("http://127.0.0.1:" + reactive.getEnvironment().getProperty("local.server.port"))
                .filter((request, next) -> next.exchange(request)).build();
    }

    @AfterAll
    static void stop() {
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

    private static int status(String path, String tenant) {
        return client.get().uri(path).header("X-Tenant", tenant)
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())).block();
    }

    /** A reactive album service: one route, counting the requests its handler runs for. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ReactiveAlbums {
        @Bean
        RouterFunction<ServerResponse> albums() {
            return RouterFunctions.route(RequestPredicates.GET("/albums/{id}"), request -> {
                handled.incrementAndGet();
                return ServerResponse.ok().bodyValue("album " + request.pathVariable("id"));
            });
        }
    }
}
