package com.example.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;

/** Apache HttpClient 5, classic (blocking) API. */
final class ApacheClient {

    private static final CloseableHttpClient client = HttpClients.createDefault();

    private ApacheClient() {
    }

    static String execute(String method, String url) throws IOException {
        try (CloseableHttpResponse response = client.execute(new HttpUriRequestBase(method, java.net.URI.create(url)))) {
            String body = response.getEntity() == null ? "" : new String(response.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
            return (response.getCode() + " " + body).trim();
        }
    }
}
