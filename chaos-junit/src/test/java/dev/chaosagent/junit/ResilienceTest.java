package dev.chaosagent.junit;

import static dev.chaosagent.junit.ChaosAssertions.assertThatCalls;
import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.catalog.AlbumService;
import com.example.catalog.CatalogBackend;
import com.example.catalog.NaiveAlbumService;
import com.example.catalog.ResilientAlbumService;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The assertions on real code: the same chaos catches the naive service's missing timeout and
 * retry, and passes once the service is protected by a Resilience4j TimeLimiter and Retry.
 */
@EnableChaos
class ResilienceTest {

    private final CatalogBackend backend = new CatalogBackend();
    private final ResilientAlbumService resilient = new ResilientAlbumService(backend);
    private final AlbumService naive = new NaiveAlbumService(backend);

    @AfterEach
    void close() {
        resilient.close();
    }

    @Test
    @InjectLatency(name = "slow-catalog", target = "com.example.catalog.CatalogBackend#fetchAlbum", value = "400ms", probability = 0.5)
    void aTimeLimiterKeepsTheTailShortWhenTheBackendIsSlow(ChaosControl chaos) {
        assertThatCalls(() -> resilient.album("42")).repeated(20).succeedAtLeast(1.0).withP99Below(ofMillis(300));
        assertThat(chaos.injections("slow-catalog")).isPositive();

        assertThatThrownBy(() -> assertThatCalls(() -> naive.album("42")).repeated(20).withP99Below(ofMillis(300)))
                .as("without a time limit the backend's latency is the caller's")
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected p99 below 300.0ms, but it was 4")
                .hasMessageContaining("latency: p50")
                .hasMessageContaining("slow-catalog: ");
    }

    @Test
    @InjectException(name = "flaky", target = "com.example.catalog.CatalogBackend#fetchAlbum", type = IOException.class,
            message = "chaos: connection reset", probability = 0.5)
    @ChaosSeed(42)
    void retriesAbsorbHalfTheCallsFailing(ChaosControl chaos) {
        assertThatCalls(() -> resilient.album("7")).repeated(200).succeedAtLeast(0.99);
        assertThatCalls(() -> naive.album("7")).repeated(200).succeedAtMost(0.7).failOnlyWith(IOException.class);
        assertThat(chaos.injections("flaky")).isGreaterThan(100);
        assertThat(chaos.seed()).isEqualTo(42);
    }

    @Test
    void chaosControlAddsRulesForThisTestAndWaitsOnThem(ChaosControl chaos) throws Exception {
        String name = chaos.add("name=every-other target=com.example.catalog.CatalogBackend#fetchAlbum"
                + " exception=java.io.IOException every=2");
        assertThat(naive.album("1")).isEqualTo("album-1");
        assertThatThrownBy(() -> naive.album("2")).isInstanceOf(IOException.class);
        assertThat(chaos.await().injections(name).atLeast(1)).isEqualTo(1);
        assertThat(chaos.calls(name)).isEqualTo(2);
        assertThat(chaos.describe()).contains("every-other", "armed");
        assertThat(chaos.remove(name)).isTrue();
        assertThat(naive.album("3")).isEqualTo("album-3");
    }

    @Test
    void theProbeRunsOnSeveralThreads() {
        CallsAssert.Results results = assertThatCalls(() -> naive.album("1")).repeated(400).onThreads(4).succeedAtLeast(1.0).results();
        assertThat(results.calls()).isEqualTo(400);
        assertThat(results.successes()).isEqualTo(400);
        assertThat(results.exceptions()).isEmpty();
    }
}
