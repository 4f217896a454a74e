package dev.chaosagent.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictTest {

    private static final String STARTED = "{\"time\":\"2026-12-06T10:00:00.000Z\",\"event\":\"experiment-started\",\"plan\":\"p\","
            + "\"message\":\"started\",\"pod\":null,\"seed\":null,\"dryRun\":false,\"hypothesis\":{\"observe\":null,\"preset\":\"http-server\","
            + "\"path\":\"/album\",\"windowMs\":10000,\"minCalls\":20,\"success\":0.995,\"p99Ms\":250},\"abort\":null,"
            + "\"phases\":[{\"name\":\"steady\",\"durationMs\":60000,\"rules\":[]},{\"name\":\"slow\",\"durationMs\":60000,\"rules\":[\"slow\"]}],"
            + "\"rules\":[\"name=slow target=a.B#c latency=100ms\"]}\n";

    @TempDir
    Path dir;

    private Verdict verdict(String lines) throws IOException {
        return Verdict.of(Timeline.of(JournalFile.read(Files.writeString(dir.resolve("j.jsonl"), lines))));
    }

    @Test
    void anAbortSaysWhichThresholdBrokeWhenAndHowLongBeforeTheAbort() {
        Verdict verdict = Verdict.of(Fixtures.timeline("aborted.jsonl"));
        assertThat(verdict.kind()).isEqualTo("aborted");
        assertThat(verdict.headline()).isEqualTo("Aborted");
        assertThat(verdict.reasons()).containsExactly(
                "The hypothesis broke at +0:46.6 in phase \u201cpayment-errors\u201d: success 98.59% is below 99%"
                        + " (the window then: success 98.59%, p99 353 ms over 497 calls).",
                "The agent aborted at +0:46.6 in phase \u201cpayment-errors\u201d (reason: hypothesis), 3 ms after the breach:"
                        + " aborted on the broken hypothesis: every rule of checkout-resilience stopped.",
                "The last injection was counted in the second that ends at +0:47.0; none in the seconds after the abort.",
                "Ended at +1:20.0: experiment checkout-resilience ended: aborted.");
    }

    @Test
    void aHeldHypothesisNamesItsThresholds() throws IOException {
        Verdict verdict = verdict(STARTED + "{\"time\":\"2026-12-06T10:02:00.000Z\",\"event\":\"experiment-ended\",\"plan\":\"p\","
                + "\"message\":\"ended\",\"verdict\":\"held\"}\n");
        assertThat(verdict.kind()).isEqualTo("held");
        assertThat(verdict.reasons()).containsExactly(
                "The hypothesis held in every phase: success stayed at or above 99.5% and p99 at or below 250 ms over a 10s window.",
                "2 planned phases never started: steady, slow.",
                "Ended at +2:00.0: ended.");
    }

    @Test
    void notSteadyGivesTheSteadyPhasesFigures() throws IOException {
        Verdict verdict = verdict(STARTED
                + "{\"time\":\"2026-12-06T10:00:00.001Z\",\"event\":\"phase-started\",\"plan\":\"p\",\"phase\":\"steady\",\"message\":\"m\","
                + "\"durationMs\":60000,\"rules\":[]}\n"
                + "{\"time\":\"2026-12-06T10:01:00.001Z\",\"event\":\"phase-ended\",\"plan\":\"p\",\"phase\":\"steady\",\"message\":\"m\","
                + "\"calls\":1200,\"success\":0.98,\"p99Ms\":120.5,\"injections\":0}\n"
                + "{\"time\":\"2026-12-06T10:01:00.002Z\",\"event\":\"experiment-ended\",\"plan\":\"p\",\"message\":\"m\",\"verdict\":\"not-steady\"}\n");
        assertThat(verdict.headline()).isEqualTo("Not steady");
        assertThat(verdict.reasons()).containsExactly("The steady state did not hold at the end of phase \u201csteady\u201d"
                + " (success 98%, p99 121 ms over 1\u202f200 calls): nothing was ever injected.",
                "1 planned phase never started: slow.", "Ended at +1:00.0: m.");
    }

    @Test
    void aBreachWithoutAbortSaysTheRulesKeptActing() throws IOException {
        Verdict verdict = verdict(STARTED
                + "{\"time\":\"2026-12-06T10:01:10.500Z\",\"event\":\"hypothesis-broken\",\"plan\":\"p\",\"phase\":\"slow\",\"message\":\"m\","
                + "\"success\":0.999,\"p99Ms\":300,\"windowCalls\":800,\"reason\":\"p99 300 ms is above 250 ms\"}\n"
                + "{\"time\":\"2026-12-06T10:02:00.002Z\",\"event\":\"experiment-ended\",\"plan\":\"p\",\"message\":\"m\",\"verdict\":\"broken\"}\n");
        assertThat(verdict.reasons()).containsExactly(
                "The hypothesis broke at +1:10.5 in phase \u201cslow\u201d: p99 300 ms is above 250 ms (the window then: success 99.9%, p99 300 ms over 800 calls).",
                "Nothing aborted the experiment: its rules kept acting to the end of their phases.",
                "2 planned phases never started: steady, slow.", "Ended at +2:00.0: m.");
    }

    @Test
    void aJournalThatStopsBeforeTheEndIsUnfinished() {
        Verdict verdict = Verdict.of(Fixtures.timeline("truncated.jsonl"));
        assertThat(verdict.kind()).isEqualTo("unfinished");
        assertThat(verdict.reasons().get(0)).isEqualTo("The journal ends at +0:52.0 with no experiment-ended line: the JVM stopped,"
                + " or the journal was cut, before the experiment ended.");
        assertThat(verdict.reasons()).last().isEqualTo("1 planned phase never started: recovery.");
    }

    @Test
    void aPlainRunCountsRulesAndInjections() {
        Verdict verdict = Verdict.of(Fixtures.timeline("plain.jsonl"));
        assertThat(verdict.kind()).isEqualTo("plain");
        assertThat(verdict.reasons()).containsExactly("A plain run, not an experiment: 2 rules, 200 injections in all.");
    }
}
