package dev.chaosagent.examples.musicstore;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The same store behind Resilience4j: each catalog call runs under a {@link Bulkhead} (at most 10 at
 * once) and a {@link TimeLimiter} (150 ms), inside a {@link CircuitBreaker} (opens at 50% failures
 * of the last 10 calls, tries again after 1 s), retried once ({@link Retry}) when it failed fast; a
 * call that timed out has spent its time and is not retried. When all of that fails, the album
 * comes from the store's own copy (the fallback). Database writes of the cache are best effort;
 * imports are idempotent and retried.
 */
public class ProtectedMusicStore implements MusicStore {

    private final CatalogClient catalog;
    private final AlbumRepository repository;
    private final Bulkhead bulkhead;
    private final TimeLimiter timeLimiter;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final Retry saveRetry;
    private final ExecutorService calls = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "catalog-call");
        thread.setDaemon(true);
        return thread;
    });

    public ProtectedMusicStore(CatalogClient catalog, AlbumRepository repository, MeterRegistry meters) {
        this.catalog = catalog;
        this.repository = repository;
        BulkheadRegistry bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(10).maxWaitDuration(Duration.ZERO).build());
        TimeLimiterRegistry timeLimiters = TimeLimiterRegistry.of(TimeLimiterConfig.custom()
                .timeoutDuration(Duration.ofMillis(150)).cancelRunningFuture(true).build());
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(10).minimumNumberOfCalls(10).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(1)).permittedNumberOfCallsInHalfOpenState(3)
                .automaticTransitionFromOpenToHalfOpenEnabled(true).build());
        RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(2).waitDuration(Duration.ofMillis(5))
                .retryOnException(e -> e instanceof IOException || e instanceof UncheckedIOException || e instanceof SQLException)
                .build());
        this.bulkhead = bulkheads.bulkhead("catalog");
        this.timeLimiter = timeLimiters.timeLimiter("catalog");
        this.circuitBreaker = breakers.circuitBreaker("catalog");
        this.retry = retries.retry("catalog");
        this.saveRetry = retries.retry("album-save", RetryConfig.from(retries.getDefaultConfig()).maxAttempts(4).build());
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
        TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(timeLimiters).bindTo(meters);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
    }

    /** A catalog call with every guard on, without the fallback. */
    private Album fetchGuarded(String id) throws Exception {
        Callable<Album> attempt = () -> timeLimiter.executeFutureSupplier(() -> CompletableFuture.supplyAsync(
                () -> Bulkhead.decorateSupplier(bulkhead, () -> fetch(id)).get(), calls));
        return Retry.decorateCallable(retry, CircuitBreaker.decorateCallable(circuitBreaker, attempt)).call();
    }

    private Album fetch(String id) {
        try {
            return catalog.fetchAlbum(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Album album(String id) throws Exception {
        Album album;
        try {
            album = fetchGuarded(id);
        } catch (Exception catalogFailed) {
            Optional<Album> cached = cachedCopy(id);
            if (cached.isPresent()) {
                return cached.get();
            }
            throw new IOException("the catalog is unavailable and album " + id + " is not cached", catalogFailed);
        }
        try {
            repository.saveIdempotently(album);
        } catch (SQLException cacheWriteFailed) {
            // The cache is best effort: the caller has the album either way.
        }
        return album;
    }

    private Optional<Album> cachedCopy(String id) {
        try {
            return repository.find(id);
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<Album> search(String text) throws Exception {
        return repository.search(text);
    }

    @Override
    public int importBatch(List<String> ids) throws Exception {
        for (String id : ids) {
            Album album = fetchGuarded(id);
            Retry.decorateCallable(saveRetry, () -> {
                repository.saveIdempotently(album);
                return album;
            }).call();
        }
        return ids.size();
    }

    @Override
    public String circuitBreakerState() {
        return circuitBreaker.getState().name();
    }

    @Override
    public String mode() {
        return "protected";
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
