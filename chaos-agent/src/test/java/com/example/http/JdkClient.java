package com.example.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The JDK's {@code java.net.http.HttpClient}, blocking and asynchronous. */
final class JdkClient {

    private static final HttpClient client = HttpClient.newHttpClient();

    private JdkClient() {
    }

    static String send(String method, String url) throws Exception {
        HttpResponse<String> response = client.send(request(method, url), HttpResponse.BodyHandlers.ofString());
        return (response.statusCode() + " " + response.body()).trim();
    }

    /** Also says how long {@code sendAsync} itself took: an asynchronous send must never block its caller. */
    static String sendAsync(String method, String url) throws Exception {
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(request(method, url), HttpResponse.BodyHandlers.ofString());
        long returnedMillis = (System.nanoTime() - start) / 1_000_000;
        HttpResponse<String> response;
        try {
            response = future.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
        return (response.statusCode() + " " + response.body()).trim() + " [returned in " + returnedMillis + "ms]";
    }

    private static HttpRequest request(String method, String url) {
        return HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
}
