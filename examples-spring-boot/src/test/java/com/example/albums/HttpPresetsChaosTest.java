package com.example.albums;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosagent.junit.ChaosControl;
import dev.chaosagent.junit.EnableChaos;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * The HTTP presets on the album service as Spring Boot runs it: Spring MVC's {@code DispatcherServlet}
 * behind Boot's filter chain (a {@code FrameworkServlet} that calls {@code super.service}) on
 * embedded Tomcat, and Spring's {@code RestClient} and {@code RestTemplate} with an interceptor
 * over the JDK client. Each request is one call of its rule, answered without the controller
 * running or without a request leaving.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnableChaos
class HttpPresetsChaosTest {

    /** An interceptor as real clients have one (auth, tracing): the request passes through it on its way out. */
    private static final ClientHttpRequestInterceptor PASS_THROUGH = (request, body, execution) -> execution.execute(request, body);

    @Value("${local.server.port}")
    private int port;

    @Test
    void aServerStatusAnswersTheRequestBeforeTheController(ChaosControl chaos) {
        chaos.add("name=prices-down preset=http-server http.method=get http.path=/albums/*/price status=503");
        // Never injects (after), so it counts every run of the controller method: none while prices-down answers.
        chaos.add("name=controller-runs target=com.example.albums.AlbumController#price latency=1ms after=1000000");
        RestClient client = client();

        assertThat(status(client, "/albums/7/price")).isEqualTo(503);
        assertThat(status(client, "/albums/7/price?currency=EUR")).isEqualTo(503);
        assertThat(client.get().uri("/albums/7").retrieve().body(String.class)).contains("7");

        assertThat(chaos.calls("prices-down")).as("each request counted once through the filters and super.service").isEqualTo(2);
        assertThat(chaos.injections("prices-down")).isEqualTo(2);
        assertThat(chaos.calls("controller-runs")).as("the controller never ran").isZero();

        chaos.remove("prices-down");
        assertThat(client.get().uri("/albums/7/price").retrieve().body(String.class)).isEqualTo("999");
        assertThat(chaos.calls("controller-runs")).isEqualTo(1);
    }

    @Test
    void aClientStatusReachesRestClientAndRestTemplateAndNothingLeaves(ChaosControl chaos) {
        chaos.add("name=teapot preset=http-client http.host=127.0.0.1 http.path=/albums/* status=418");
        // Never injects (after), so it counts the requests that reach the server: none while teapot answers.
        chaos.add("name=arrivals preset=http-server after=1000000");
        RestTemplate template = new RestTemplate(new JdkClientHttpRequestFactory());
        template.getInterceptors().add(PASS_THROUGH);

        assertThat(status(client(), "/albums/7")).isEqualTo(418);
        assertThatThrownBy(() -> template.getForObject(base() + "/albums/7", String.class))
                .isInstanceOfSatisfying(HttpClientErrorException.class, e -> assertThat(e.getStatusCode().value()).isEqualTo(418));

        assertThat(chaos.calls("teapot")).as("one call each through the interceptor and the JDK client").isEqualTo(2);
        assertThat(chaos.injections("teapot")).isEqualTo(2);
        assertThat(chaos.calls("arrivals")).as("nothing left the client").isZero();
    }

    @Test
    void theClientDefaultIsAConnectionErrorThatSpringWraps(ChaosControl chaos) {
        chaos.add("name=catalog-down preset=http-client http.path=/albums/*");
        chaos.add("name=arrivals preset=http-server after=1000000");

        assertThatThrownBy(() -> client().get().uri("/albums/7").retrieve().body(String.class))
                .isInstanceOf(ResourceAccessException.class).hasCauseInstanceOf(ConnectException.class);
        assertThat(chaos.injections("catalog-down")).isEqualTo(1);
        assertThat(chaos.calls("arrivals")).isZero();
    }

    private RestClient client() {
        return RestClient.builder().requestFactory(new JdkClientHttpRequestFactory()).requestInterceptor(PASS_THROUGH)
                .baseUrl(base()).build();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static int status(RestClient client, String path) {
        return client.get().uri(path).exchange((request, response) -> response.getStatusCode().value());
    }
}
