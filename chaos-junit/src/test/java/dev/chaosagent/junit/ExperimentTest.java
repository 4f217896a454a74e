package dev.chaosagent.junit;

import static dev.chaosagent.junit.ChaosAssertions.assertThat;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.catalog.CatalogBackend;
import com.example.catalog.NaiveAlbumService;
import com.example.catalog.ResilientAlbumService;
import dev.chaosagent.experiment.ExperimentStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A resilience test written as a small experiment: a hypothesis, phases, and an assertion on the verdict. */
@EnableChaos
class ExperimentTest {

    private static final String PLAN = """
            name: %s
            hypothesis: {observe: %s#album, minCalls: 20, success: 99%%, window: 5s}
            abort: {onBrokenHypothesis: true}
            phases:
              - {name: steady, duration: 500ms}
              - {name: flaky-backend, duration: 1s, rules: [flaky]}
            rules:
              - {name: flaky, target: com.example.catalog.CatalogBackend#fetchAlbum, exception: java.io.IOException, probability: 0.3}
            """;

    private final CatalogBackend backend = new CatalogBackend();
    private final ResilientAlbumService resilient = new ResilientAlbumService(backend);

    @AfterEach
    void close() {
        resilient.close();
    }

    @Test
    void retriesKeepTheHypothesisWhileTheBackendFails(ChaosControl chaos) {
        chaos.runExperiment(PLAN.formatted("resilient-album", ResilientAlbumService.class.getName()));
        ExperimentStatus status = drive(chaos, () -> resilient.album("7"));
        assertThat(status).hasEnded().held();
    }

    @Test
    void withoutRetriesTheAgentAbortsOnTheCallThatBreaksTheHypothesis(ChaosControl chaos) {
        NaiveAlbumService naive = new NaiveAlbumService(backend);
        chaos.runExperiment(PLAN.formatted("naive-album", NaiveAlbumService.class.getName()));
        ExperimentStatus status = drive(chaos, () -> naive.album("7"));
        assertThat(status).wasAbortedFor("hypothesis");
        assertThatThrownBy(() -> assertThat(status).held()).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected experiment naive-album to have verdict held, but: plan naive-album, ")
                .hasMessageContaining("state aborted (hypothesis)");
    }

    /** Calls the operation until the experiment ends or aborts; returns where it stands. */
    private static ExperimentStatus drive(ChaosControl chaos, CallsAssert.Operation operation) {
        long deadline = System.nanoTime() + ofSeconds(20).toNanos();
        ExperimentStatus status = chaos.experiment();
        while (!status.ended() && !status.state().equals("aborted") && System.nanoTime() < deadline) {
            try {
                operation.call();
            } catch (Throwable expected) {
                // the experiment counts it
            }
            status = chaos.experiment();
        }
        return status;
    }
}
