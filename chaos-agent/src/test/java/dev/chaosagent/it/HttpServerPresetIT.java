package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.http.HttpApp;
import dev.chaosagent.harness.ForkedJvm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code http-server} preset on real servers, each version of the matrix in one JVM of its own:
 * a status fault answers exactly the requests in scope without running the handler (the filter in
 * front still runs), every request counts once, and removing the rules restores the server.
 */
class HttpServerPresetIT {

    private final HttpClient client = HttpClient.newHttpClient();

    static Stream<String> servers() throws Exception {
        return Stream.of(Stream.of("jdk"), HttpLibraries.versionsOf("tomcat"), HttpLibraries.versionsOf("jetty"))
                .flatMap(versions -> versions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aStatusAnswersTheRequestsInScopeWithoutTheirHandler(String server) throws Exception {
        List<java.nio.file.Path> jars = server.equals("jdk") ? List.of() : HttpLibraries.jars(server);
        try (ForkedJvm app = ForkedJvm.application("", HttpApp.class, jars)) {
            String base = "http://127.0.0.1:" + app.result("serve " + server.replaceFirst("-.*", "")).substring("ok ".length());

            assertThat(get(base + "/api/albums/7?fields=title", null)).isEqualTo("200 handled GET /api/albums/7");
            assertThat(app.result("handled")).isEqualTo("ok 1");
            assertThat(app.result("filtered")).isEqualTo("ok 1");

            assertThat(app.result("addRule name=albums-down preset=http-server http.method=get http.path=/api/* status=418"))
                    .isEqualTo("ok albums-down");
            assertThat(app.result("addRule name=acme-down preset=http-server http.header.X-Tenant=acme"))
                    .isEqualTo("ok acme-down");

            // In scope: GET (the rule says get) on a path under /api/, however deep, whatever the query.
            assertThat(get(base + "/api/albums/7?fields=title", null)).isEqualTo("418");
            assertThat(get(base + "/api/albums", "other")).isEqualTo("418");
            // Out of scope: another method, another path, a path that only starts alike.
            assertThat(send("POST", base + "/api/albums", null)).isEqualTo("200 handled POST /api/albums");
            assertThat(get(base + "/health", null)).isEqualTo("200 handled GET /health");
            assertThat(get(base + "/apiary", "other")).isEqualTo("200 handled GET /apiary");
            // The header rule, with the preset's default fault: 503.
            assertThat(get(base + "/health", "acme")).isEqualTo("503");

            assertThat(app.result("calls albums-down")).isEqualTo("ok 2");
            assertThat(app.result("injections albums-down")).isEqualTo("ok 2");
            assertThat(app.result("calls acme-down")).isEqualTo("ok 1");
            assertThat(app.result("injections acme-down")).isEqualTo("ok 1");
            // Six requests reached the filter; the three answered by the agent never reached the handler.
            assertThat(app.result("filtered")).isEqualTo("ok 7");
            assertThat(app.result("handled")).isEqualTo("ok 4");
            assertThat(app.result("describe")).contains("preset=http-server", "albums-down: preset http-server binds");

            assertThat(app.result("removeRule albums-down")).isEqualTo("ok true");
            assertThat(app.result("removeRule acme-down")).isEqualTo("ok true");
            app.awaitStderr("original bytecode restored");
            assertThat(get(base + "/api/albums/7", "acme")).isEqualTo("200 handled GET /api/albums/7");
            assertThat(app.result("handled")).isEqualTo("ok 5");
        }
    }

    private String get(String url, String tenant) throws Exception {
        return send("GET", url, tenant);
    }

    private String send(String method, String url, String tenant) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
        if (tenant != null) {
            request.header("X-Tenant", tenant);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return (response.statusCode() + " " + response.body()).trim();
    }
}
