package dev.chaosagent.metrics;

import static dev.chaosagent.testing.WovenCall.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.engine.spi.SiteTable;
import dev.chaosagent.engine.spi.WovenMethod;
import dev.chaosagent.rule.RuleParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChaosMetricsTest {

    @Test
    void countersFollowTheEnginesRules() throws Throwable {
        ChaosEngine engine = ChaosEngine.create();
        RuleParser parser = new RuleParser(getClass().getClassLoader());
        int site = SiteTable.of(engine).register(new WovenMethod("a.B", "c", List.of(), "int", List.of(), Set.of(), false));
        engine.add(parser.parse("name=before target=a.B#c latency=0ms every=2"));

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ChaosMetrics(engine).bindTo(registry);
        engine.add(parser.parse("name=after target=a.B#c returns=5"));
        for (int i = 0; i < 4; i++) {
            call(engine, site);
        }

        assertThat(registry.get("chaos.calls").tag("rule", "before").functionCounter().count()).isEqualTo(4);
        assertThat(registry.get("chaos.injections").tags("rule", "before", "fault", "latency").functionCounter().count()).isEqualTo(2);
        assertThat(registry.get("chaos.injections").tags("rule", "after", "fault", "returns").functionCounter().count()).isEqualTo(4);
        assertThat(registry.get("chaos.rules.active").gauge().value()).isEqualTo(2);

        engine.remove("before");
        assertThat(registry.find("chaos.calls").tag("rule", "before").functionCounter()).isNull();
        assertThat(registry.get("chaos.rules.active").gauge().value()).isEqualTo(1);
    }

    @Test
    void theHeapThatMemoryFaultsRetainIsAGaugeUntilTheirRuleEnds() throws Throwable {
        ChaosEngine engine = ChaosEngine.create();
        int site = SiteTable.of(engine).register(new WovenMethod("a.B", "c", List.of(), "int", List.of(), Set.of(), false));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ChaosMetrics(engine).bindTo(registry);
        assertThat(registry.get("chaos.memory.retained").gauge().value()).isZero();

        engine.add(new RuleParser(getClass().getClassLoader()).parse("name=leak target=a.B#c memory=1MB"));
        call(engine, site);
        call(engine, site);
        assertThat(registry.get("chaos.memory.retained").gauge().value()).isEqualTo(2 << 20);

        engine.remove("leak");
        assertThat(registry.get("chaos.memory.retained").gauge().value()).isZero();
    }
}
