package dev.chaosagent.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.engine.spi.OpenCall;
import dev.chaosagent.engine.spi.SiteTable;
import dev.chaosagent.engine.spi.WovenMethod;
import dev.chaosagent.journal.Journal;
import dev.chaosagent.plan.Plan;
import dev.chaosagent.plan.PlanParser;
import dev.chaosagent.rule.RuleParser;
import dev.chaosagent.testing.WovenCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The experiment's state machine on an engine, with calls made as woven code makes them. */
class ExperimentTest {

    private final ChaosEngine engine = ChaosEngine.create();
    private final Journal journal = Journal.start(engine, null);
    private final Experiments experiments = new Experiments(engine, "pod-0");
    private final PlanParser parser = new PlanParser(new RuleParser(getClass().getClassLoader()));
    private final int shop = SiteTable.of(engine).register(site("com.acme.Shop", "album"));
    private final int catalog = SiteTable.of(engine).register(site("com.acme.Catalog", "fetch"));

    @AfterEach
    void close() {
        experiments.close();
    }

    private static WovenMethod site(String type, String method) {
        return new WovenMethod(type, method, List.of(), "void", List.of(), Set.of("java.lang.Object"), false);
    }

    private void apply(String yaml) {
        Plan plan = parser.parse(yaml, "plan.yaml");
        experiments.apply(plan, plan.armingFor(null, Instant.now()));
    }

    /** One call of the observed method, which calls the catalog; true when it failed. */
    private boolean shopCall() {
        try {
            Object entered = SiteTable.of(engine).enter(shop);
            if (!(entered instanceof OpenCall)) {
                WovenCall.call(engine, catalog); // the shop is not woven: its body runs as is
                return false;
            }
            try {
                WovenCall.call(engine, catalog);
            } catch (Throwable thrown) {
                SiteTable.of(engine).exit(entered, false);
                throw thrown;
            }
            SiteTable.of(engine).exit(entered, true);
            return false;
        } catch (Throwable failed) {
            return true;
        }
    }

    private List<String> events(String event) {
        return journal.lines().stream().filter(line -> line.contains("\"event\":\"" + event + "\"")).toList();
    }

    @Test
    void theCallThatBreaksTheHypothesisStopsEveryRuleOfThePlanBeforeItReturns() {
        apply("""
                name: flaky
                hypothesis: {observe: com.acme.Shop#album, minCalls: 10, success: 90%, window: 5s}
                abort: {onBrokenHypothesis: true}
                rules:
                  - {name: fail-catalog, target: com.acme.Catalog#fetch, exception: java.lang.IllegalStateException, every: 2}
                """);
        int calls = 0;
        int failures = 0;
        while (failures * 10 <= calls || calls < 10) {
            failures += shopCall() ? 1 : 0;
            calls++;
            assertThat(calls).isLessThan(100);
        }
        // The very next calls, on this thread right after the breaking one, are not injected.
        for (int i = 0; i < 50; i++) {
            assertThat(shopCall()).isFalse();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !engine.ruleNames().contains("fail-catalog"));
        assertThat(events("removed")).singleElement().asString().contains("aborted (hypothesis) (" + failures + " injections in");
        assertThat(events("hypothesis-broken")).singleElement().asString().contains("\"reason\":\"success");
        assertThat(events("aborted")).singleElement().asString().contains("\"reason\":\"hypothesis\"");
        assertThat(experiments.status().orElseThrow().verdict()).isEqualTo("aborted");

        // Reloading the same plan does not re-arm it; resume does, with an empty window.
        apply("""
                name: flaky
                hypothesis: {observe: com.acme.Shop#album, minCalls: 10, success: 90%, window: 5s}
                abort: {onBrokenHypothesis: true}
                rules:
                  - {name: fail-catalog, target: com.acme.Catalog#fetch, exception: java.lang.IllegalStateException, every: 3}
                """);
        assertThat(engine.ruleNames()).doesNotContain("fail-catalog");
        experiments.resume();
        assertThat(engine.ruleNames()).contains("fail-catalog");
        assertThat(experiments.status().orElseThrow().windowCalls()).isZero();
        assertThat(events("resumed")).hasSize(1);
    }

    @Test
    void aFirstPhaseWithoutRulesGatesTheRestOnTheSteadyState() {
        apply("""
                name: gated
                hypothesis: {observe: com.acme.Shop#album, minCalls: 5}
                phases:
                  - {name: steady, duration: 300ms}
                  - {name: chaos, duration: 5s, rules: [slow]}
                rules:
                  - {name: slow, target: com.acme.Catalog#fetch, latency: 1ms}
                """);
        // Too few calls in the steady phase: no verdict there, so not steady.
        await().atMost(Duration.ofSeconds(5)).until(() -> experiments.status().orElseThrow().ended());
        assertThat(experiments.status().orElseThrow().verdict()).isEqualTo("not-steady");
        shopCall();
        assertThat(engine.ruleNames()).isEmpty();
        assertThat(engine.totalInjections()).isZero();
        assertThat(events("experiment-ended")).singleElement().asString().contains("\"verdict\":\"not-steady\"");
    }

    @Test
    void aPhasesRulesActOnlyInsideItAndTheVerdictComesAtTheEnd() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean injectedInSteady = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread load = new Thread(() -> {
            while (!stop.get()) {
                shopCall();
                if (experiments.status().map(status -> "steady".equals(status.phase())).orElse(false)
                        && engine.totalInjections() > 0) {
                    injectedInSteady.set(true);
                }
            }
        });
        load.start();
        try {
            apply("""
                    name: phased
                    hypothesis: {observe: com.acme.Shop#album, minCalls: 5}
                    phases:
                      - {name: steady, duration: 800ms}
                      - {name: chaos, duration: 500ms, rules: [slow]}
                      - {name: recovery, duration: 500ms}
                    rules:
                      - {name: slow, target: com.acme.Catalog#fetch, latency: 1ms}
                    """);
            await().atMost(Duration.ofSeconds(20)).until(() -> experiments.status().orElseThrow().ended());
        } finally {
            stop.set(true);
            load.join();
        }
        assertThat(injectedInSteady).isFalse();
        assertThat(experiments.status().orElseThrow().verdict()).as(journal.text()).isEqualTo("held");
        assertThat(events("phase-started")).hasSize(3);
        assertThat(events("phase-ended")).hasSize(3);
        assertThat(events("phase-ended").get(1)).contains("\"phase\":\"chaos\"").doesNotContain("\"injections\":0");
        assertThat(events("phase-ended").get(2)).contains("\"phase\":\"recovery\"", "\"injections\":0");
        assertThat(engine.ruleNames()).isEmpty();
    }

    @Test
    void aDryRunCountsWhatItWouldInjectAndInjectsNothing() {
        apply("""
                name: dry
                dryRun: true
                rules:
                  - {name: fail, target: com.acme.Catalog#fetch, exception: java.lang.IllegalStateException}
                """);
        for (int i = 0; i < 10; i++) {
            assertThat(shopCall()).isFalse();
        }
        assertThat(engine.injections("fail")).as(engine.describe()).isZero();
        assertThat(engine.wouldInject("fail")).as(engine.describe()).isEqualTo(10);
        assertThat(engine.describe()).contains("0 (10)");
        assertThat(experiments.status().orElseThrow().verdict()).isEqualTo("completed");
    }

    @Test
    void anOperatorsAbortStopsTheRulesAndANewPlanNameStartsAfresh() {
        String plan = """
                name: NAME
                abort: {after: 1h}
                rules:
                  - {name: fail, target: com.acme.Catalog#fetch, exception: java.lang.IllegalStateException}
                """;
        apply(plan.replace("NAME", "first"));
        assertThat(shopCall()).isTrue();
        experiments.abort();
        assertThat(shopCall()).isFalse();
        assertThat(engine.ruleNames()).isEmpty();
        assertThatThrownBy(experiments::abort).hasMessage("experiment first is aborted; there is nothing to abort");
        apply(plan.replace("NAME", "second"));
        assertThat(shopCall()).isTrue();
        assertThat(events("experiment-ended")).singleElement().asString().contains("\"plan\":\"first\"", "\"verdict\":\"aborted\"");
    }

    @Test
    void theHeapAfterAGcAndTheTimeCapAbortByThemselves() {
        apply("""
                name: heap
                abort: {heap: 0.001%}
                rules:
                  - {name: fail, target: com.acme.Catalog#fetch, exception: java.lang.IllegalStateException}
                """);
        assertThat(shopCall()).isTrue();
        System.gc(); // the GC's own notification, no polling: the heap is always above 0.001% of the maximum after it
        await().atMost(Duration.ofSeconds(10)).until(() -> "heap".equals(experiments.status().orElseThrow().abortReason()));
        assertThat(shopCall()).isFalse();

        apply("""
                name: capped
                abort: {after: 300ms}
                rules:
                  - {name: fail, target: com.acme.Catalog#fetch, exception: java.lang.IllegalStateException}
                """);
        assertThat(shopCall()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> experiments.status().orElseThrow().ended());
        assertThat(experiments.status().orElseThrow()).extracting(ExperimentStatus::verdict, ExperimentStatus::abortReason)
                .containsExactly("aborted", "after");
        assertThat(shopCall()).isFalse();
        assertThatThrownBy(experiments::resume).hasMessage("experiment capped is ended, not aborted; there is nothing to resume");
    }

    @Test
    void aPlanSavedAgainUnderTheSameNameGoesOnOnItsClockWithTheNewSettings() {
        String plan = """
                name: edited
                phases:
                  - {name: first, duration: 500ms, rules: [fail]}
                  - {name: second, duration: 30s}
                rules:
                  - {name: fail, target: com.acme.Catalog#fetch, exception: java.lang.IllegalStateException}
                """;
        apply(plan);
        assertThat(shopCall()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> "second".equals(experiments.status().orElseThrow().phase()));
        assertThat(shopCall()).isFalse();

        apply(plan.replace("duration: 30s}", "duration: 30s, rules: [fail]}"));
        assertThat(experiments.status().orElseThrow().phase()).isEqualTo("second");
        assertThat(shopCall()).isTrue();
        assertThat(events("experiment-started")).hasSize(1);
        assertThat(events("phase-started")).hasSize(2);
    }
}
