package com.example.relay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Two services of one request path, each in a JVM of its own, JDK-only: {@code inventory PORT}
 * answers {@code GET /stock?sku=S} from {@link Inventory}; {@code storefront PORT INVENTORY_URL}
 * answers {@code GET /order?sku=S} by asking the inventory. Each prints {@code ready PORT} once it
 * listens on 127.0.0.1 and stops when its standard input closes.
 */
public final class RelayApp {

    private RelayApp() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])), 16);
        HttpHandler handler = switch (args[0]) {
            case "inventory" -> inventory(new Inventory());
            case "storefront" -> storefront(new InventoryClient(URI.create(args[2])));
            default -> throw new IllegalArgumentException("unknown service " + args[0]);
        };
        server.createContext("/", handler);
        // One worker: the thread that served a tagged request serves the next one, so leftover baggage would show.
        ExecutorService workers = Executors.newSingleThreadExecutor();
        server.setExecutor(workers);
        server.start();
        System.out.println("ready " + server.getAddress().getPort());
        try (InputStream in = System.in) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        server.stop(0);
        workers.shutdownNow();
    }

    private static HttpHandler inventory(Inventory inventory) {
        return exchange -> {
            try {
                respond(exchange, 200, inventory.lookup(sku(exchange)));
            } catch (RuntimeException failure) {
                respond(exchange, 503, failure.toString());
            }
        };
    }

    private static HttpHandler storefront(InventoryClient client) {
        return exchange -> {
            try {
                HttpResponse<String> stock = client.stock(sku(exchange));
                respond(exchange, stock.statusCode(), "inventory says " + stock.body());
            } catch (IOException | RuntimeException failure) {
                respond(exchange, 502, failure.toString());
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                respond(exchange, 502, stopping.toString());
            }
        };
    }

    private static String sku(HttpExchange exchange) {
        String query = exchange.getRequestURI().getQuery();
        return query != null && query.startsWith("sku=") ? query.substring(4) : "none";
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
