package dev.chaosagent.examples.musicstore;

import static dev.chaosagent.junit.ChaosAssertions.assertThatCalls;
import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosagent.junit.ChaosControl;
import dev.chaosagent.junit.ChaosRule;
import dev.chaosagent.junit.ChaosSeed;
import dev.chaosagent.junit.EnableChaos;
import dev.chaosagent.junit.InjectException;
import dev.chaosagent.junit.InjectLatency;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The music store under chaos. Each scenario runs against the protected store, which must survive
 * it, and against the unprotected one, which must not: chaos that cannot bite proves nothing. The
 * catalog backend is a real HTTP server on 127.0.0.1, the database a real embedded H2.
 */
@EnableChaos
class MusicStoreChaosTest {

    private static final String CATALOG = "dev.chaosagent.examples.musicstore.CatalogClient#fetchAlbum";
    private static final List<String> IDS = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    private static CatalogBackendServer backend;
    private static AlbumRepository repository;
    private static CatalogClient catalog;

    private ProtectedMusicStore resilient;
    private UnprotectedMusicStore naive;
    private final AtomicInteger next = new AtomicInteger();

    @BeforeAll
    static void startBackendAndWarmTheCache() throws Exception {
        backend = CatalogBackendServer.start(0);
        catalog = new CatalogClient(URI.create("http://127.0.0.1:" + backend.port()));
        repository = new AlbumRepository("jdbc:h2:mem:chaos-test;DB_CLOSE_DELAY=-1");
        UnprotectedMusicStore warmUp = new UnprotectedMusicStore(catalog, repository);
        for (String id : IDS) {
            warmUp.album(id);
        }
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    @BeforeEach
    void freshStores() {
        resilient = new ProtectedMusicStore(catalog, repository, new SimpleMeterRegistry());
        naive = new UnprotectedMusicStore(catalog, repository);
    }

    @AfterEach
    void closeStores() {
        resilient.close();
    }

    private String anyId() {
        return IDS.get(Math.floorMod(next.getAndIncrement(), IDS.size()));
    }

    @Test
    @InjectLatency(name = "slow-catalog", target = CATALOG, value = "600ms")
    void aSlowCatalogMakesTheTimeLimiterFireAndTheFallbackServe(ChaosControl chaos) {
        assertThatCalls(() -> resilient.album(anyId())).repeated(30).succeedAtLeast(0.99).withP99Below(ofMillis(500));
        assertThat(chaos.injections("slow-catalog")).isPositive();

        assertThatThrownBy(() -> assertThatCalls(() -> naive.album(anyId())).repeated(3).withP99Below(ofMillis(500)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("expected p99 below 500.0ms");
    }

    @Test
    @InjectException(name = "flaky-catalog", target = CATALOG, type = IOException.class, message = "chaos: connection reset",
            probability = 0.5)
    @ChaosSeed(42)
    void halfTheCatalogCallsFailingIsAbsorbed(ChaosControl chaos) {
        assertThatCalls(() -> resilient.album(anyId())).repeated(200).succeedAtLeast(0.99);
        assertThatCalls(() -> naive.album(anyId())).repeated(200).succeedAtMost(0.7).failOnlyWith(IOException.class);
        assertThat(chaos.injections("flaky-catalog")).isGreaterThan(100);
    }

    @Test
    void aSustainedFailureOpensTheCircuitBreakerWhichClosesOnceTheFaultIsGone(ChaosControl chaos) throws Exception {
        String outage = chaos.add("name=outage target=" + CATALOG + " exception=java.io.IOException message=\"chaos: catalog down\"");

        Awaitility.await("the circuit breaker to open").atMost(Duration.ofSeconds(10)).until(() -> {
            resilient.album(anyId());
            return resilient.circuitBreakerState().equals("OPEN");
        });
        long callsWhenOpen = chaos.calls(outage);
        assertThat(resilient.album("3")).as("the fallback serves the cached copy").isEqualTo(repository.find("3").orElseThrow());
        assertThat(chaos.calls(outage)).as("an open breaker spares the catalog").isEqualTo(callsWhenOpen);

        int before = (int) chaos.calls(outage);
        assertThatCalls(() -> naive.album(anyId())).repeated(10).succeedAtMost(0.0);
        assertThat(chaos.calls(outage)).as("without a breaker every call hits the failing catalog").isEqualTo(before + 10L);

        chaos.remove(outage);
        Awaitility.await("the circuit breaker to close again").atMost(Duration.ofSeconds(10)).until(() -> {
            resilient.album(anyId());
            return resilient.circuitBreakerState().equals("CLOSED");
        });
    }

    @Test
    @ChaosRule("name=lost-ack target=dev.chaosagent.examples.musicstore.AlbumRepository#saveIdempotently"
            + " exception=java.sql.SQLTransientConnectionException message=\"chaos: commit ack lost\" at=exit every=2")
    @ChaosRule("name=lost-ack-naive target=dev.chaosagent.examples.musicstore.AlbumRepository#insert"
            + " exception=java.sql.SQLTransientConnectionException message=\"chaos: commit ack lost\" at=exit every=2")
    void anImportWhoseWritesSucceedButReportFailureLeavesNoDuplicates(ChaosControl chaos) throws Exception {
        List<String> batch = List.of("101", "102", "103", "104");
        assertThat(resilient.importBatch(batch)).isEqualTo(4);
        for (String id : batch) {
            assertThat(repository.rows(id)).as("rows of album %s", id).isEqualTo(1);
        }
        assertThat(chaos.injections("lost-ack")).isPositive();

        List<String> naiveBatch = List.of("201", "202", "203", "204");
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                naive.importBatch(naiveBatch);
                break;
            } catch (java.sql.SQLException e) {
                // a caller retries a failed import, as callers do
            }
        }
        assertThat(naiveBatch.stream().mapToInt(id -> rows(id)).sum()).as("retried non-idempotent writes duplicate albums")
                .isGreaterThan(naiveBatch.size());
    }

    private static int rows(String id) {
        try {
            return repository.rows(id);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @ChaosRule("name=leak target=" + CATALOG + " threads=1")
    @InjectLatency(name = "hang", target = CATALOG, value = "1s")
    void aThreadLeakInTheCatalogClientIsContainedByTheBulkhead(ChaosControl chaos) {
        assertThatCalls(() -> resilient.album(anyId())).repeated(30).onThreads(30).succeedAtLeast(0.99);
        long containedLeak = chaos.injections("leak");
        assertThat(containedLeak).as("the bulkhead lets at most 10 calls into the client at once").isLessThanOrEqualTo(10);

        assertThatCalls(() -> naive.album(anyId())).repeated(30).onThreads(30).succeedAtLeast(0.99);
        assertThat(chaos.injections("leak") - containedLeak).as("unprotected, every caller walks into the leak").isEqualTo(30);
    }
}
