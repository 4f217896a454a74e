package dev.chaosagent.examples.musicstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API over real sockets on 127.0.0.1, malformed requests included. */
class MusicStoreServerTest {

    private static CatalogBackendServer backend;
    private static MusicStoreServer store;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        backend = CatalogBackendServer.start(0);
        store = MusicStoreServer.start(0, URI.create("http://127.0.0.1:" + backend.port()), true, "jdbc:h2:mem:server-test;DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stop() {
        store.close();
        backend.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + store.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + store.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void albumsSearchImportHealthAndMetrics() throws Exception {
        HttpResponse<String> album = get("/albums/7");
        assertThat(album.statusCode()).isEqualTo(200);
        assertThat(Album.fromJson(album.body())).isEqualTo(new Album("7", "Album 7", "Miles Davis"));
        assertThat(post("/import", "12,13").body()).isEqualTo("{\"imported\":2}");
        assertThat(get("/search?q=album%201").body()).contains("\"id\":\"12\"", "\"id\":\"13\"");
        assertThat(get("/health").body()).isEqualTo("{\"mode\":\"protected\",\"circuitBreaker\":\"CLOSED\"}");
        assertThat(get("/metrics").body()).contains("resilience4j_circuitbreaker_state");
    }

    @Test
    void malformedRequestsGet400AndAJsonError() throws Exception {
        HttpResponse<String> badId = get("/albums/abc");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).isEqualTo("{\"error\":\"album id \\\"abc\\\" is not a number (expected like /albums/42)\"}");
        assertThat(get("/search").statusCode()).isEqualTo(400);
        HttpResponse<String> badImport = post("/import", "1,,x");
        assertThat(badImport.statusCode()).isEqualTo(400);
        assertThat(badImport.body()).contains("not a list of album ids");
        assertThat(post("/albums/1", "").statusCode()).isEqualTo(405);
    }
}
