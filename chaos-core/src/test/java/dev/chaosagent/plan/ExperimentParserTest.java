package dev.chaosagent.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosagent.preset.Presets;
import dev.chaosagent.rule.RuleParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentParserTest {

    private final PlanParser parser = new PlanParser(new RuleParser(getClass().getClassLoader()));

    @Test
    void readsTheContractsExampleExperiment() {
        Plan plan = parser.parse("""
                name: checkout-resilience
                hypothesis:
                  observe: com.acme.shop.ShopApi#album
                  window: 10s
                  minCalls: 20
                  success: 99%
                  p99: 500ms
                abort:
                  onBrokenHypothesis: true
                  heap: 90%
                  after: 20m
                phases:
                  - name: steady
                    duration: 1m
                  - name: catalog-latency
                    duration: 2m
                    rules: [slow-catalog]
                  - name: recovery
                    duration: 1m
                dryRun: false
                rules:
                  - name: slow-catalog
                    target: com.acme.catalog.CatalogClient#fetchAlbum
                    latency: 200ms..1500ms
                """, "plan.yaml");

        ExperimentSpec spec = plan.experiment();
        assertThat(spec.hypothesis().observe().toString()).isEqualTo("com.acme.shop.ShopApi#album");
        assertThat(spec.hypothesis().windowNanos()).isEqualTo(10_000_000_000L);
        assertThat(spec.hypothesis().minCalls()).isEqualTo(20);
        assertThat(spec.hypothesis().success()).isEqualTo(0.99);
        assertThat(spec.hypothesis().p99Nanos()).isEqualTo(500_000_000L);
        assertThat(spec.abort()).isEqualTo(new AbortPolicy(true, 0.9, 1_200_000_000_000L));
        assertThat(spec.phases()).extracting(Phase::name).containsExactly("steady", "catalog-latency", "recovery");
        assertThat(spec.phases().get(1).rules()).containsExactly("slow-catalog");
        assertThat(spec.gated()).isTrue();
        assertThat(spec.phaseAt(0)).isZero();
        assertThat(spec.phaseAt(61_000_000_000L)).isEqualTo(1);
        assertThat(spec.phaseAt(240_000_000_000L)).isEqualTo(-1);
        assertThat(spec.dryRun()).isFalse();
    }

    @Test
    void aPlanWithoutExperimentKeysHasNoExperimentAndDefaultsApply() {
        assertThat(parser.parse("name: p\nrules: []\n", "p.yaml").experiment()).isNull();
        Hypothesis hypothesis = parser.parse("name: p\nhypothesis: {observe: a.B#c}\n", "p.yaml").experiment().hypothesis();
        assertThat(hypothesis).isEqualTo(new Hypothesis(hypothesis.observe(), null, dev.chaosagent.scope.Scope.NONE, 10_000_000_000L, 20, 1.0, 0));
        assertThat(parser.parse("name: p\nhypothesis: {observe: a.B#c, success: 0.95}\n", "p.yaml").experiment().hypothesis().success())
                .isEqualTo(0.95);
    }

    @Test
    void everyBadKeyIsNamedWithItsValueAndWhatWasExpected() {
        assertThatThrownBy(() -> parser.parse("""
                hypothesis:
                  observe: "nohash"
                  window: 10 s
                  minCalls: 0
                  success: 120%
                  colour: red
                abort:
                  heap: lots
                  onBrokenHypothesis: yes please
                  after: 0s
                phases:
                  - name: steady
                  - name: chaos
                    duration: 1m
                    rules: [missing]
                  - name: chaos
                    duration: 1m
                dryRun: maybe
                rules:
                  - name: slow
                    target: a.B#c
                    latency: 1ms
                """, "plan.yaml"))
                .isInstanceOf(InvalidPlanException.class)
                .satisfies(e -> assertThat(((InvalidPlanException) e).problems()).containsExactly(
                        "name: (missing) is required for an experiment, which its journal lines and metrics name"
                                + " (expected a name: key, like name: checkout-resilience)",
                        "hypothesis.colour: is not a key of hypothesis (expected observe or preset with its scope keys, window, minCalls, success and p99)",
                        "hypothesis.observe: \"nohash\" has no single CLASS#METHOD (expected CLASS#METHOD, like com.acme.*Client#fetch*,"
                                + " java.sql.Statement+#execute* or java.net.Socket#connect(java.net.SocketAddress,int))",
                        "hypothesis.window: \"10 s\" is not a duration (expected like 250us, 500ms, 2s, 1m, 1h)",
                        "hypothesis.minCalls: \"0\" is not a positive whole number (expected like 20)",
                        "hypothesis.success: \"120%\" is not a share (expected a percentage from 0% to 100% or a ratio from 0 to 1, like 99%)",
                        "abort.onBrokenHypothesis: \"yes please\" is not a boolean (expected true or false)",
                        "abort.heap: \"lots\" is not a share (expected a percentage from 0% to 100% or a ratio from 0 to 1, like 90%)",
                        "abort.after: \"0s\" is not positive (expected a duration, like 10s)",
                        "phases.1.duration: (missing) is required (expected a duration, like 1m)",
                        "phases.2.rules: \"missing\" is not a rule of this plan (expected one of slow)",
                        "phases.3.name: \"chaos\" is used twice (expected a unique name per phase)",
                        "dryRun: \"maybe\" is not a boolean (expected true or false)"));
    }

    @Test
    void aHypothesisMayNameAPresetWithItsScopeKeysInsteadOfObserve() {
        Hypothesis hypothesis = parser.parse("""
                name: p
                hypothesis: {preset: http-server, http.path: "/albums/*", http.method: GET, window: 5s, success: 99%, p99: 300ms}
                """, "p.yaml").experiment().hypothesis();

        assertThat(hypothesis.observe()).isNull();
        assertThat(hypothesis.preset().name()).isEqualTo("http-server");
        assertThat(hypothesis.scope()).hasToString("http.path=/albums/* http.method=GET");
        assertThat(hypothesis.observed()).isEqualTo("preset http-server http.path=/albums/* http.method=GET");
        assertThat(hypothesis.windowNanos()).isEqualTo(5_000_000_000L);
        assertThat(hypothesis.success()).isEqualTo(0.99);
        assertThat(hypothesis.p99Nanos()).isEqualTo(300_000_000L);
        Hypothesis everyStatement = parser.parse("name: p\nhypothesis: {preset: jdbc}\n", "p.yaml").experiment().hypothesis();
        assertThat(everyStatement.scope().isEmpty()).isTrue();
        assertThat(everyStatement.observed()).isEqualTo("preset jdbc");
    }

    @Test
    void aPresetHypothesisIsCheckedAsAPresetRuleIs() {
        assertThat(problems("hypothesis: {preset: http-server, observe: a.B#c}")).containsExactly(
                "hypothesis.preset: \"http-server\" cannot be used with observe (expected either observe: a target pattern"
                        + " or preset: a preset with its scope keys)");
        assertThat(problems("hypothesis: {preset: mongo}")).containsExactly(
                "hypothesis.preset: \"mongo\" is not a preset (expected one of " + Presets.names() + ")");
        assertThat(problems("hypothesis: {preset: http-server, status: 503}")).containsExactly(
                "hypothesis.status: \"503\" is a fault key of preset http-server, and a hypothesis only observes"
                        + " (expected one of http.method, http.path, http.header.NAME)");
        assertThat(problems("hypothesis: {preset: http-server, sql.table: orders, thread: main}")).containsExactly(
                "hypothesis.sql.table: \"orders\" is not a key of preset http-server (expected one of http.method, http.path, http.header.NAME)",
                "hypothesis.thread: \"main\" is not a key of preset http-server (expected one of http.method, http.path, http.header.NAME)");
        assertThat(problems("hypothesis: {preset: http-server, http.path: \"\"}")).containsExactly(
                "hypothesis.http.path: \"\" is empty (expected a pattern, where * matches any run of characters and ? one)");
        assertThat(problems("hypothesis: {preset: http-server, \"http.header.a b\": x}")).singleElement().asString()
                .startsWith("hypothesis.http.header.a b: ").contains("names no header");
        assertThat(problems("hypothesis: {observe: a.B#c, sql.table: orders}")).containsExactly(
                "hypothesis.sql.table: \"orders\" is a key of preset jdbc (expected preset: jdbc instead of observe)");
        assertThat(problems("hypothesis: {preset: }")).containsExactly(
                "hypothesis.preset: (missing) names no preset (expected one of " + Presets.names() + ")");
    }

    private List<String> problems(String hypothesis) {
        try {
            parser.parse("name: p\n" + hypothesis + "\n", "p.yaml");
        } catch (InvalidPlanException e) {
            return e.problems();
        }
        throw new AssertionError("accepted: " + hypothesis);
    }
}
