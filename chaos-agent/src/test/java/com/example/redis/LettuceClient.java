package com.example.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** One Lettuce connection, shared by the sync, async and reactive APIs, as applications share it. */
final class LettuceClient {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private LettuceClient(RedisClient client) {
        this.client = client;
        this.connection = client.connect();
    }

    static LettuceClient connect(int port) {
        return new LettuceClient(RedisClient.create("redis://127.0.0.1:" + port));
    }

    Object run(String[] words) throws Exception {
        String api = words[0];
        String command = words[1];
        if (api.equals("shared")) {
            return shared(words[1], Integer.parseInt(words[2]));
        }
        return switch (api + " " + command) {
            case "sync get" -> connection.sync().get(words[2]);
            case "sync set" -> connection.sync().set(words[2], words[3]);
            case "async get" -> awaited(System.nanoTime(), connection.async().get(words[2]));
            case "async set" -> awaited(System.nanoTime(), connection.async().set(words[2], words[3]));
            case "reactive get" -> connection.reactive().get(words[2]).block(Duration.ofSeconds(20));
            case "reactive set" -> connection.reactive().set(words[2], words[3]).block(Duration.ofSeconds(20));
            default -> throw new IllegalArgumentException("no lettuce command " + api + " " + command);
        };
    }

    /** The future's value, or its failure as Lettuce's own exception; and how long the call that returned it took since {@code start}. */
    private static String awaited(long start, RedisFuture<?> future) throws Exception {
        long returned = millisSince(start);
        try {
            return future.get(20, TimeUnit.SECONDS) + " [returned in " + returned + "ms]";
        } catch (ExecutionException failed) {
            throw (Exception) failed.getCause();
        }
    }

    /**
     * An async GET of {@code slowKey}, then {@code count} sync SETs and GETs of other keys on the same
     * connection while it is pending: how long they took, whether the first was still pending when
     * they were done, and when it completed.
     */
    private String shared(String slowKey, int count) throws Exception {
        long start = System.nanoTime();
        RedisFuture<String> slow = connection.async().get(slowKey);
        long returned = millisSince(start);
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            connection.sync().set("other-" + i, "v" + i);
            answers.add(connection.sync().get("other-" + i));
        }
        long othersDone = millisSince(start);
        boolean pending = !slow.isDone();
        String value = slow.get(20, TimeUnit.SECONDS);
        long slowDone = millisSince(start);
        return "others " + answers.size() + " in " + othersDone + "ms, slow pending then " + pending + ", slow " + value
                + " in " + slowDone + "ms [returned in " + returned + "ms]";
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public String toString() {
        return "lettuce connected";
    }
}
