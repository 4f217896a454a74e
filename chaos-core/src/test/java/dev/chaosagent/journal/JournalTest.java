package dev.chaosagent.journal;

import static dev.chaosagent.testing.WovenCall.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.engine.spi.SiteTable;
import dev.chaosagent.engine.spi.WovenMethod;
import dev.chaosagent.harness.JsonObject;
import dev.chaosagent.rule.RuleParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    private final ChaosEngine engine = ChaosEngine.create();
    private final RuleParser parser = new RuleParser(getClass().getClassLoader());

    @Test
    void everyEventIsAJsonLineThatTellsTheStory(@TempDir Path dir) throws Throwable {
        Path file = dir.resolve("journal.jsonl");
        Journal journal = Journal.start(engine, file, 100);
        int site = SiteTable.of(engine).register(new WovenMethod("a.B", "c", List.of(), "int", List.of(), Set.of(), false));
        engine.add(parser.parse("name=slow target=a.B#c latency=0ms"));
        call(engine, site);
        call(engine, site);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> journal.text().contains("\"event\":\"injections\""));
        engine.disable("slow");
        engine.remove("slow");
        engine.refused(null, "plan p.yaml: plan refused, 1 problem: \"quoted\"\nsecond line");
        journal.close();

        List<Map<String, Object>> lines = Files.readAllLines(file).stream().map(JsonObject::parse).toList();
        assertThat(lines).extracting(l -> l.get("event"))
                .containsExactly("added", "injections", "disabled", "removed", "refused", "summary");
        assertThat(lines).allSatisfy(l -> {
            assertThat(Instant.parse((String) l.get("time"))).isBeforeOrEqualTo(Instant.now());
            assertThat((String) l.get("message")).isNotBlank();
        });
        assertThat(lines.get(0)).containsEntry("rule", "slow")
                .containsEntry("message", "rule slow added: name=slow target=a.B#c latency=0ms");
        assertThat(lines.get(1)).containsEntry("injections", 2L).containsEntry("calls", 2L)
                .containsEntry("message", "rule slow injected 2 times in 2 calls (2 injections in 2 calls since it was added)");
        assertThat(lines.get(4)).doesNotContainKey("rule")
                .containsEntry("message", "plan p.yaml: plan refused, 1 problem: \"quoted\"\nsecond line");
        assertThat(lines.get(5)).containsEntry("message", "experiment ended: 0 rules still active, 2 injections in all");
        assertThat(journal.text()).isEqualTo(String.join("\n", Files.readAllLines(file)) + "\n");
    }

    @Test
    void aRuleThatDidNotInjectGetsNoSummaryLine() {
        Journal journal = Journal.start(engine, null, 100);
        engine.add(parser.parse("name=idle target=a.B#c latency=0ms"));
        journal.summarise();
        assertThat(journal.lines()).hasSize(1);
        journal.close();
        assertThat(journal.lines()).hasSize(2);
    }

    @Test
    void linesANamedPlanCausedCarryItsName() {
        Journal journal = Journal.start(engine, null, 100);
        engine.applyRules(List.of(parser.parse("name=slow target=a.B#c latency=0ms")), "checkout-latency", "unused");
        engine.planEvent(dev.chaosagent.engine.ChaosEvent.Type.EXPIRED, "checkout-latency",
                "plan checkout-latency expired at 2026-12-01T18:00:00Z: none of its rules runs any more");
        engine.applyRules(List.of(), "checkout-latency", "plan checkout-latency expired at 2026-12-01T18:00:00Z");
        engine.add(parser.parse("name=manual target=a.B#c latency=0ms"));

        List<Map<String, Object>> lines = journal.lines().stream().map(JsonObject::parse).toList();
        assertThat(lines).extracting(l -> l.get("event") + " " + l.get("rule") + " " + l.get("plan")).containsExactly(
                "added slow checkout-latency", "expired null checkout-latency", "removed slow checkout-latency", "added manual null");
        assertThat(lines.get(2)).containsEntry("message",
                "rule slow removed: plan checkout-latency expired at 2026-12-01T18:00:00Z (0 injections in 0 calls)");
    }
}
