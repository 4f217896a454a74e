package dev.chaosagent.examples.musicstore;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The music store's HTTP API on 127.0.0.1:
 * <ul>
 *   <li>{@code GET /albums/ID}: live album metadata</li>
 *   <li>{@code GET /search?q=TEXT}: albums the store knows</li>
 *   <li>{@code POST /import} with ids in the body ({@code 1,2,3}): imports a batch</li>
 *   <li>{@code GET /health}: mode and circuit-breaker state</li>
 *   <li>{@code GET /metrics}: Prometheus text (Resilience4j's meters)</li>
 * </ul>
 * Malformed requests get 400 and a JSON error. Run:
 * {@code java -cp ... dev.chaosagent.examples.musicstore.MusicStoreServer PORT CATALOG_URL [--unprotected]}.
 */
public final class MusicStoreServer implements AutoCloseable {

    private final HttpServer server;
    private final MusicStore store;
    private final ExecutorService workers;

    private MusicStoreServer(HttpServer server, MusicStore store, ExecutorService workers) {
        this.server = server;
        this.store = store;
        this.workers = workers;
    }

    public static MusicStoreServer start(int port, URI catalogUrl, boolean protectedPath, String databaseUrl) throws Exception {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CatalogClient catalog = new CatalogClient(catalogUrl);
        AlbumRepository repository = new AlbumRepository(databaseUrl);
        MusicStore store = protectedPath ? new ProtectedMusicStore(catalog, repository, meters) : new UnprotectedMusicStore(catalog, repository);
        CatalogBackendServer.noDelay();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        ExecutorService workers = Executors.newFixedThreadPool(32);
        server.setExecutor(workers);
        server.createContext("/albums/", exchange -> handle(exchange, "GET", () -> {
            String id = exchange.getRequestURI().getPath().substring("/albums/".length());
            if (!id.matches("[0-9]{1,9}")) {
                throw new BadRequest("album id \"" + id + "\" is not a number (expected like /albums/42)");
            }
            return store.album(id).toJson();
        }));
        server.createContext("/search", exchange -> handle(exchange, "GET", () -> {
            String query = exchange.getRequestURI().getRawQuery();
            if (query == null || !query.startsWith("q=") || query.length() < 3) {
                throw new BadRequest("search needs a text (expected like /search?q=miles)");
            }
            return StoreJson.albums(store.search(URLDecoder.decode(query.substring(2), StandardCharsets.UTF_8)));
        }));
        server.createContext("/import", exchange -> handle(exchange, "POST", () -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!body.matches("[0-9]{1,9}(,[0-9]{1,9})*")) {
                throw new BadRequest("the body is not a list of album ids (expected like 1,2,3)");
            }
            List<String> ids = Arrays.asList(body.split(","));
            return "{\"imported\":" + store.importBatch(ids) + "}";
        }));
        server.createContext("/health", exchange -> handle(exchange, "GET",
                () -> "{\"mode\":" + StoreJson.quote(store.mode()) + ",\"circuitBreaker\":" + StoreJson.quote(store.circuitBreakerState()) + "}"));
        server.createContext("/metrics", exchange -> handle(exchange, "GET", meters::scrape));
        server.start();
        return new MusicStoreServer(server, store, workers);
    }

    private interface Handler {
        String handle() throws Exception;
    }

    private static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message);
        }
    }

    private static void handle(HttpExchange exchange, String method, Handler handler) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals(method)) {
                CatalogBackendServer.respond(exchange, 405, StoreJson.error("use " + method + " here"));
                return;
            }
            String body;
            try {
                body = handler.handle();
            } catch (BadRequest e) {
                CatalogBackendServer.respond(exchange, 400, StoreJson.error(e.getMessage()));
                return;
            } catch (Exception e) {
                CatalogBackendServer.respond(exchange, 503, StoreJson.error(e.getClass().getSimpleName() + ": " + e.getMessage()));
                return;
            }
            CatalogBackendServer.respond(exchange, 200, body);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public MusicStore store() {
        return store;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        store.close();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: MusicStoreServer PORT CATALOG_URL [--unprotected]");
            System.exit(2);
        }
        boolean protectedPath = !Arrays.asList(args).contains("--unprotected");
        MusicStoreServer server = start(Integer.parseInt(args[0]), URI.create(args[1]), protectedPath,
                "jdbc:h2:mem:musicstore;DB_CLOSE_DELAY=-1");
        System.out.println("music store (" + server.store().mode() + ") listening on 127.0.0.1:" + server.port());
    }
}
