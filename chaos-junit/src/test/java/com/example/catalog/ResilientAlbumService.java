package com.example.catalog;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The fix: a time limit on each backend call, retries of failures, and a fallback when all else fails. */
public class ResilientAlbumService implements AlbumService, AutoCloseable {

    private final CatalogBackend backend;
    private final TimeLimiter timeLimiter = TimeLimiter.of(TimeLimiterConfig.custom()
            .timeoutDuration(Duration.ofMillis(60)).cancelRunningFuture(true).build());
    private final Retry retry = Retry.of("catalog", RetryConfig.custom()
            .maxAttempts(3).waitDuration(Duration.ofMillis(1))
            .retryOnException(e -> true).build());
    private final ExecutorService pool = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "catalog-call");
        thread.setDaemon(true);
        return thread;
    });

    public ResilientAlbumService(CatalogBackend backend) {
        this.backend = backend;
    }

    @Override
    public String album(String id) {
        try {
            return Retry.decorateCallable(retry, () -> timeLimiter.executeFutureSupplier(
                    () -> CompletableFuture.supplyAsync(() -> fetch(id), pool))).call();
        } catch (Exception e) {
            return "cached-album-" + id;
        }
    }

    private String fetch(String id) {
        try {
            return backend.fetchAlbum(id);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
