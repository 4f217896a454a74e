package com.example.relay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The storefront's call to the inventory service, with the JDK's HttpClient: no header is set
 * here, so whatever baggage reaches the inventory was propagated by the OpenTelemetry agent.
 */
public class InventoryClient {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI inventory;

    public InventoryClient(URI inventory) {
        this.inventory = inventory;
    }

    public HttpResponse<String> stock(String sku) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(inventory.resolve("/stock?sku=" + sku)).timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
