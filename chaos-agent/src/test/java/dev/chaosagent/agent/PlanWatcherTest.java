package dev.chaosagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.engine.ChaosEvent;
import dev.chaosagent.plan.PlanParser;
import dev.chaosagent.rule.RuleParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher's decisions, poll by poll, on an engine without instrumentation. */
class PlanWatcherTest {

    @TempDir
    Path dir;

    private final ChaosEngine engine = ChaosEngine.create();
    private final List<ChaosEvent> events = new CopyOnWriteArrayList<>();

    @Test
    void aMissingLabelsFileIsSaidOnceAndCountsAsNoLabelsUntilItComes() throws Exception {
        Path plan = Files.writeString(dir.resolve("plan.yaml"),
                "name: canary\nselect: {labels: {tier: canary}}\nrules:\n  - {name: r, target: a.B#c, latency: 1ms}\n");
        Path labels = dir.resolve("labels");
        PlanWatcher watcher = watcher(plan, labels);
        watcher.loadInitial();
        watcher.poll();
        watcher.poll();
        assertThat(engine.ruleNames()).isEmpty();
        assertThat(messages(ChaosEvent.Type.REFUSED)).containsExactly("pod labels " + labels
                + " do not exist; this JVM counts as having no labels");
        assertThat(watcher.get().armed()).isFalse();

        Files.writeString(labels, "app=\"shop\"\ntier=\"canary\"\n");
        watcher.poll();
        assertThat(engine.ruleNames()).containsExactly("r");
        assertThat(watcher.get()).extracting(a -> a.plan(), a -> a.armed()).containsExactly("canary", true);
        assertThat(messages(ChaosEvent.Type.PLAN)).containsExactly(
                "plan canary does not select this JVM (pod shop/catalog-0 has no label tier, select.labels wants tier=canary):"
                        + " running none of its 1 rule here",
                "plan canary selects this JVM (pod shop/catalog-0): running its 1 rule here");
    }

    @Test
    void aPlanTheEngineRefusesIsReportedOnceNotOnEveryPoll() throws Exception {
        Path plan = Files.writeString(dir.resolve("plan.yaml"), "rules:\n  - {name: r, target: a.B#c, latency: 1ms}\n");
        PlanWatcher watcher = watcher(plan, null);
        watcher.loadInitial();
        Files.writeString(plan, "rules:\n  - {name: k, target: a.B#c, kill: 137}\n");
        for (int i = 0; i < 3; i++) {
            watcher.poll();
        }
        assertThat(engine.ruleNames()).as("the last good plan stays").containsExactly("r");
        assertThat(messages(ChaosEvent.Type.REFUSED)).filteredOn(m -> m.contains("the last good plan stays in force")).hasSize(1);
        assertThat(messages(ChaosEvent.Type.PLAN)).as("a plan that neither selects nor expires says nothing new").isEmpty();
    }

    private PlanWatcher watcher(Path plan, Path labels) {
        engine.addListener(events::add);
        return new PlanWatcher(plan, labels, () -> Map.of("POD_NAME", "catalog-0", "POD_NAMESPACE", "shop"),
                new PlanParser(new RuleParser(getClass().getClassLoader())), engine, new dev.chaosagent.experiment.Experiments(engine, () -> "catalog-0"));
    }

    private List<String> messages(ChaosEvent.Type type) {
        return events.stream().filter(e -> e.type() == type).map(ChaosEvent::message).toList();
    }
}
