package dev.chaosagent.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.rule.RuleParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanParserTest {

    private final PlanParser parser = new PlanParser(new RuleParser(getClass().getClassLoader()));

    @Test
    void readsTheContractsExamplePlan(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plan.yaml");
        Files.writeString(file, """
                enabled: true          # master switch, default true
                seed: 42
                rules:
                  - name: slow-catalog
                    target: com.acme.catalog.CatalogClient#fetchAlbum
                    latency: 200ms..1500ms
                    probability: 0.3
                  - name: flaky-db
                    target: com.acme.db.AlbumRepository#save*
                    exception: java.sql.SQLTransientConnectionException
                    message: "chaos: connection reset"
                    limit: 100
                  - target: com.acme.Other#run
                    returns: null
                """);
        Plan plan = parser.parse(file);

        assertThat(plan.enabled()).isTrue();
        assertThat(plan.seed()).isEqualTo(42L);
        assertThat(plan.rules()).extracting(r -> r.name()).containsExactly("slow-catalog", "flaky-db", "rule-3");
        assertThat(plan.rules().get(1).toSpec()).isEqualTo("name=flaky-db target=com.acme.db.AlbumRepository#save*"
                + " exception=java.sql.SQLTransientConnectionException message=\"chaos: connection reset\" limit=100");
    }

    @Test
    void aPlanWithBadRulesIsRefusedWholeWithEveryProblemListed() {
        assertThatThrownBy(() -> parser.parse("""
                seed: abc
                colour: red
                rules:
                  - name: good
                    target: a.B#c
                    latency: 1ms
                  - name: slow
                    target: a.B#c
                    latency: fast
                  - target: a.B#c
                    latency: 1ms
                    probabilty: 0.5
                  - name: good
                    target: a.B#d
                    latency: 1ms
                  - just a string
                """, "plan.yaml"))
                .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.problems()).containsExactly(
                        "colour: is not a plan key (expected name, expires, select, enabled, seed, rules, hypothesis, abort, phases or dryRun)",
                        "seed: \"abc\" is not a whole number (expected like 42)",
                        "rule 2 (slow): latency: \"fast\" is not a duration (expected like 250ms, 2s, 100ms..1s)",
                        "rule 3: probabilty: \"0.5\" is not a known key (did you mean probability? expected one of name, target,"
                                + " preset, latency, exception, message, returns, cpu, memory, threads, kill, at, probability, every, after,"
                                + " limit, ttl, enabled, async, or a scope key: thread, arg0..arg9, caller, baggage.KEY, mdc.KEY)",
                        "rule 4 (good): name: \"good\" is used twice (expected a unique name per rule)",
                        "rule 5: is not a map (expected keys such as target and latency)"))
                .hasMessageStartingWith("plan.yaml: plan refused, 6 problems: colour: is not a plan key");
    }

    @Test
    void brokenYamlAndMissingFilesAreReportedInOneLine(@TempDir Path dir) {
        assertThatThrownBy(() -> parser.parse("rules: [a: b: c", "plan.yaml"))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageStartingWith("plan.yaml: plan refused, 1 problem: is not valid YAML (")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> parser.parse("rules: !!str [a]\n", "plan.yaml"))
                .as("SnakeYAML throws a ClassCastException here; it is still the plan's fault")
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageStartingWith("plan.yaml: plan refused, 1 problem: is not valid YAML (")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> parser.parse(dir.resolve("missing.yaml")))
                .hasMessage(dir.resolve("missing.yaml") + ": plan refused, 1 problem: cannot be read (no such file)");
        assertThatThrownBy(() -> parser.parse("- a\n- b\n", "plan.yaml"))
                .hasMessage("plan.yaml: plan refused, 1 problem: is not a plan (expected a map with enabled, seed and rules)");
    }

    @Test
    void anEmptyPlanHasNoRules() {
        assertThat(parser.parse("", "plan.yaml").rules()).isEmpty();
        assertThat(parser.parse("enabled: false\n", "plan.yaml").enabled()).isFalse();
    }

    @Test
    void applyingAPlanSetsTheSwitchTheSeedAndTheRules() {
        ChaosEngine engine = ChaosEngine.create();
        Plan plan = parser.parse("enabled: false\nseed: 9\nrules:\n  - {name: a, target: a.B#c, latency: 1ms}\n", "p");
        plan.applyTo(engine, plan.armingFor(null, Instant.now()));
        assertThat(engine.isEnabled()).isFalse();
        assertThat(engine.seed()).contains(9L);
        assertThat(engine.ruleNames()).containsExactly("a");

        ChaosEngine seeded = ChaosEngine.builder().seed(1L).build();
        Plan seeds = parser.parse("seed: 9\n", "p");
        seeds.applyTo(seeded, seeds.armingFor(null, Instant.now()));
        assertThat(seeded.seed()).as("the agent's seed option wins over the plan's").contains(1L);
    }

    @Test
    void aPlanThatDoesNotArmThisJvmReconcilesToNoRulesAndTheJournalNamesThePlan() {
        ChaosEngine engine = ChaosEngine.create();
        java.util.List<dev.chaosagent.engine.ChaosEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        engine.addListener(events::add);
        Plan plan = parser.parse("name: checkout\nexpires: 2026-12-01T18:00:00Z\nrules:\n  - {name: a, target: a.B#c, latency: 1ms}\n", "p");
        plan.applyTo(engine, plan.armingFor(null, Instant.parse("2026-12-01T17:00:00Z")));
        assertThat(engine.ruleNames()).containsExactly("a");
        plan.applyTo(engine, plan.armingFor(null, Instant.parse("2026-12-01T18:00:00Z")));
        assertThat(engine.ruleNames()).isEmpty();
        assertThat(events).extracting(e -> e.type().key() + " " + e.plan() + ": " + e.message()).containsExactly(
                "added checkout: rule a added by plan checkout: name=a target=a.B#c latency=1ms",
                "removed checkout: rule a removed: plan checkout expired at 2026-12-01T18:00:00Z (0 injections in 0 calls)");
    }
}
