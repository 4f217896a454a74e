package dev.chaosagent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineTest {

    @Test
    void anExperimentsSettingsComeFromItsStartedLine() {
        PlannedExperiment experiment = Fixtures.timeline("aborted.jsonl").experiment;
        assertThat(experiment.plan()).isEqualTo("checkout-resilience");
        assertThat(experiment.pod()).isEqualTo("shop-7c9d5-x2k4q");
        assertThat(experiment.seed()).isEqualTo(42L);
        assertThat(experiment.dryRun()).isFalse();
        assertThat(experiment.hypothesis()).isEqualTo(new PlannedExperiment.Hypothesis("com.example.shop.ShopApi#album", 10_000.0, 20.0, 0.99, 500.0));
        assertThat(experiment.abort()).isEqualTo(new PlannedExperiment.Abort(true, 0.9, 1_200_000.0));
        assertThat(experiment.phases()).extracting(PlannedExperiment.PlannedPhase::name)
                .containsExactly("steady", "catalog-latency", "payment-errors", "recovery");
        assertThat(experiment.rules()).hasSize(2);
    }

    @Test
    void phasesSamplesBreachAbortAndVerdictOnOneClock() {
        Timeline timeline = Fixtures.timeline("aborted.jsonl");
        assertThat(timeline.phases).extracting(Timeline.Phase::name).containsExactly("steady", "catalog-latency", "payment-errors", "recovery");
        Timeline.Phase errors = timeline.phases.get(2);
        assertThat(errors.start()).isCloseTo(45.002, within(1e-6));
        assertThat(errors.end()).isCloseTo(65.001, within(1e-6));
        assertThat(errors.rules()).containsExactly("payment-errors");
        assertThat(errors.ended()).isTrue();
        assertThat(errors.calls()).isEqualTo(997);
        assertThat(errors.success()).isEqualTo(0.993);
        assertThat(errors.injections()).isEqualTo(7);
        assertThat(timeline.phases.get(0).injects()).isFalse();
        assertThat(timeline.samples).hasSize(80);
        assertThat(timeline.breaches).singleElement().satisfies(breach -> {
            assertThat(breach.at()).isCloseTo(46.620, within(1e-6));
            assertThat(breach.phase()).isEqualTo("payment-errors");
            assertThat(breach.reason()).isEqualTo("success 98.59% is below 99%");
        });
        assertThat(timeline.aborts).singleElement().satisfies(abort -> {
            assertThat(abort.at()).isCloseTo(46.623, within(1e-6));
            assertThat(abort.reason()).isEqualTo("hypothesis");
        });
        assertThat(timeline.verdict).isEqualTo("aborted");
        assertThat(timeline.verdictAt).isCloseTo(80.002, within(1e-6));
        assertThat(timeline.end).isCloseTo(80.002, within(1e-6));
        assertThat(timeline.events).extracting(JournalLine::event).doesNotContain("observed", "injections")
                .contains("experiment-started", "phase-started", "hypothesis-broken", "aborted", "experiment-ended");
    }

    @Test
    void withSamplesTheInjectionsAreCountedSecondBySecondAndTheTenSecondLinesIgnored() {
        Timeline timeline = Fixtures.timeline("aborted.jsonl");
        assertThat(timeline.injectionsPerSecond()).isTrue();
        assertThat(timeline.injectionTotals).containsExactly(java.util.Map.entry("slow-catalog", 361L), java.util.Map.entry("payment-errors", 7L));
        assertThat(timeline.injections.get("payment-errors")).hasSize(80)
                .filteredOn(step -> step.perSecond() > 0).extracting(Timeline.Step::to).containsExactly(46.0, 47.0);
        assertThat(timeline.rules).extracting(Timeline.Rule::name, Timeline.Rule::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("slow-catalog", "plan"), org.assertj.core.groups.Tuple.tuple("payment-errors", "plan"));
    }

    @Test
    void aPlainRunsInjectionsComeFromTheTenSecondLines() {
        Timeline timeline = Fixtures.timeline("plain.jsonl");
        assertThat(timeline.isExperiment()).isFalse();
        assertThat(timeline.plan).isEqualTo("shop-plain");
        assertThat(timeline.injectionsPerSecond()).isFalse();
        assertThat(timeline.injectionTotals).containsEntry("flaky-count", 69L).containsEntry("slow-name", 131L);
        Timeline.Step first = timeline.injections.get("flaky-count").get(0);
        assertThat(first.from()).isZero(); // from the rule's added line, not 10 s before the first summary
        assertThat(first.to()).isCloseTo(10.045, within(1e-6));
        assertThat(first.perSecond()).isCloseTo(16 / 10.045, within(1e-6));
        assertThat(timeline.rules).extracting(Timeline.Rule::spec)
                .containsExactly("name=flaky-count target=com.example.shop.Catalog#count exception=java.lang.IllegalStateException probability=0.3",
                        "name=slow-name target=com.example.shop.Catalog#name latency=20ms probability=0.5");
        assertThat(timeline.phases).isEmpty();
    }

    @Test
    void aJournalCutShortEndsItsPhaseThereAndKeepsThePlannedOnesUnreached() {
        Timeline timeline = Fixtures.timeline("truncated.jsonl");
        assertThat(timeline.file.truncatedLine()).isEqualTo(67);
        assertThat(timeline.verdict).isNull();
        Timeline.Phase errors = timeline.phases.get(2);
        assertThat(errors.ended()).isFalse();
        assertThat(errors.end()).isEqualTo(timeline.end);
        Timeline.Phase recovery = timeline.phases.get(3);
        assertThat(recovery.name()).isEqualTo("recovery");
        assertThat(recovery.start()).isNull();
        assertThat(recovery.plannedMs()).isEqualTo(15_000.0);
    }

    @Test
    void aJournalAppendedToByTwoExperimentsIsReadFromTheLastOne(@TempDir Path dir) throws IOException {
        String once = Files.readString(Fixtures.path("aborted.jsonl"));
        Path twice = Files.writeString(dir.resolve("twice.jsonl"), once + once.replace("2026-12-06T10:3", "2026-12-06T11:3"));
        Timeline timeline = Timeline.of(JournalFile.read(twice));
        assertThat(timeline.experimentsInFile).isEqualTo(2);
        assertThat(timeline.firstLine).isEqualTo(99);
        assertThat(timeline.start).isEqualTo(java.time.Instant.parse("2026-12-06T11:30:00.250Z"));
        assertThat(timeline.samples).hasSize(80);
    }

    @Test
    void aRealExperimentsJournalIsRead() {
        Timeline timeline = Fixtures.timeline("real-aborted.jsonl");
        assertThat(timeline.experiment.hypothesis().observe()).isEqualTo("com.example.shop.Albums#find");
        assertThat(timeline.phases).extracting(Timeline.Phase::name, Timeline.Phase::ended, Timeline.Phase::injections).containsExactly(
                org.assertj.core.groups.Tuple.tuple("steady", true, 0L), org.assertj.core.groups.Tuple.tuple("album-latency", true, 205L),
                org.assertj.core.groups.Tuple.tuple("album-errors", true, 7L), org.assertj.core.groups.Tuple.tuple("recovery", true, 0L));
        assertThat(timeline.breaches).singleElement().extracting(Timeline.Mark::phase).isEqualTo("album-errors");
        assertThat(timeline.aborts).singleElement().extracting(Timeline.Mark::reason).isEqualTo("hypothesis");
        assertThat(timeline.verdict).isEqualTo("aborted");
        assertThat(timeline.injectionTotals).containsEntry("slow-albums", 205L).containsEntry("album-errors", 7L);
        // a timer a few milliseconds late leaves no gap: each sample starts where the one before ended
        for (int i = 1; i < timeline.samples.size(); i++) {
            assertThat(timeline.samples.get(i).start()).isEqualTo(timeline.samples.get(i - 1).end());
        }
    }

    @Test
    void aRulesNameIsReadFromItsSpec() {
        assertThat(Timeline.ruleName("target=a.B#c name=slow latency=1ms")).isEqualTo("slow");
        assertThat(Timeline.ruleName("target=a.B#c")).isEqualTo("target=a.B#c");
    }
}
