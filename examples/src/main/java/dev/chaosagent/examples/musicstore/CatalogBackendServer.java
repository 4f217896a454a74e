package dev.chaosagent.examples.musicstore;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The catalog backend: album metadata by id over HTTP on 127.0.0.1 ({@code GET /albums/ID}). Ids
 * are numbers; the metadata is made up from them. Run on its own:
 * {@code java -cp ... dev.chaosagent.examples.musicstore.CatalogBackendServer PORT}.
 */
public final class CatalogBackendServer implements AutoCloseable {

    private static final String[] ARTISTS = {"Nina Simone", "Miles Davis", "Björk", "Radiohead", "Fela Kuti", "Kraftwerk"};

    private final HttpServer server;

    private CatalogBackendServer(HttpServer server) {
        this.server = server;
    }

    public static CatalogBackendServer start(int port) throws IOException {
        noDelay();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/albums/", CatalogBackendServer::album);
        server.start();
        return new CatalogBackendServer(server);
    }

    private static void album(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/albums/".length());
        if (!id.matches("[0-9]{1,9}")) {
            respond(exchange, 404, StoreJson.error("no album " + id));
            return;
        }
        int n = Integer.parseInt(id);
        respond(exchange, 200, new Album(id, "Album " + n, ARTISTS[n % ARTISTS.length]).toJson());
    }

    /**
     * The JDK's HTTP server waits for more data before sending small responses (Nagle), which costs
     * each request about 40 ms against the client's delayed ACK. Read once, when the first server starts.
     */
    static void noDelay() {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    public static void main(String[] args) throws IOException {
        CatalogBackendServer backend = start(Integer.parseInt(args[0]));
        System.out.println("catalog backend listening on 127.0.0.1:" + backend.port());
    }
}
