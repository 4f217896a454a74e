package dev.chaosagent.examples.musicstore;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls the catalog backend. The slow, flaky dependency the game day aims at. */
public class CatalogClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;

    public CatalogClient(URI base) {
        this.base = base;
    }

    public Album fetchAlbum(String id) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/albums/" + id)).timeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching album " + id, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("catalog answered " + response.statusCode() + " for album " + id);
        }
        return Album.fromJson(response.body());
    }
}
