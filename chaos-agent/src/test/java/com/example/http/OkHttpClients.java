package com.example.http;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * OkHttp with an application and a network interceptor, as real clients have (auth, logging): the
 * preset must count one request through both.
 */
final class OkHttpClients {

    private static final Interceptor passThrough = chain -> chain.proceed(chain.request());
    private static final OkHttpClient client = new OkHttpClient.Builder()
            .addInterceptor(passThrough)
            .addNetworkInterceptor(passThrough)
            .build();

    private OkHttpClients() {
    }

    static String execute(String method, String url) throws IOException {
        try (Response response = client.newCall(request(method, url)).execute()) {
            return (response.code() + " " + response.body().string()).trim();
        }
    }

    static String enqueue(String method, String url) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        client.newCall(request(method, url)).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                answer.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call call, Response response) throws IOException {
                try (response) {
                    answer.complete((response.code() + " " + response.body().string()).trim());
                }
            }
        });
        try {
            return answer.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private static Request request(String method, String url) {
        RequestBody body = method.equals("POST") ? RequestBody.create(new byte[0], null) : null;
        return new Request.Builder().url(url).method(method, body).build();
    }
}
