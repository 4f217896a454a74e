package dev.chaosagent.trigger;

import static dev.chaosagent.testing.WovenCall.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.engine.spi.SiteTable;
import dev.chaosagent.engine.spi.WovenMethod;
import dev.chaosagent.rule.RuleParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Triggers as users see them: which of a method's calls a rule injects. */
class TriggersTest {

    private final RuleParser parser = new RuleParser(getClass().getClassLoader());

    /** The 1-based numbers of the calls that were injected, out of {@code calls}. */
    private List<Integer> injectedCalls(ChaosEngine engine, String spec, int calls) throws Throwable {
        int site = SiteTable.of(engine).register(new WovenMethod("a.B", "c", List.of(), "int", List.of(), Set.of(), false));
        engine.add(parser.parse("name=r target=a.B#c returns=1 " + spec));
        List<Integer> injected = new ArrayList<>();
        for (int i = 1; i <= calls; i++) {
            if (call(engine, site) != null) {
                injected.add(i);
            }
        }
        return injected;
    }

    @Test
    void everyInjectsTheNthCalls() throws Throwable {
        assertThat(injectedCalls(ChaosEngine.create(), "every=3", 10)).containsExactly(3, 6, 9);
    }

    @Test
    void afterSkipsTheFirstCalls() throws Throwable {
        assertThat(injectedCalls(ChaosEngine.create(), "after=4", 7)).containsExactly(5, 6, 7);
    }

    @Test
    void everyCountsTheCallsAfterAfter() throws Throwable {
        assertThat(injectedCalls(ChaosEngine.create(), "after=4 every=2", 10)).containsExactly(6, 8, 10);
    }

    @Test
    void limitExhaustsTheRuleAndExhaustedRulesCountNoMoreCalls() throws Throwable {
        ChaosEngine engine = ChaosEngine.create();
        assertThat(injectedCalls(engine, "every=2 limit=3", 20)).containsExactly(2, 4, 6);
        assertThat(engine.injections("r")).isEqualTo(3);
        assertThat(engine.calls("r")).isEqualTo(6);
        assertThat(engine.describe()).contains("exhausted");
        assertThat(engine.enable("r")).as("an exhausted rule cannot be re-enabled").isFalse();
    }

    /**
     * 20,000 calls at p=0.3: the count is binomial with sd = sqrt(n p (1-p)) ≈ 65, so a tolerance of
     * 400 (six standard deviations) fails by chance about once in a billion runs.
     */
    @Test
    void probabilityInjectsThatShareOfCalls() throws Throwable {
        int injected = injectedCalls(ChaosEngine.builder().seed(7L).build(), "probability=0.3", 20_000).size();
        assertThat(injected).isCloseTo(6_000, within(400));
        int unseeded = injectedCalls(ChaosEngine.create(), "probability=0.3", 20_000).size();
        assertThat(unseeded).isCloseTo(6_000, within(400));
    }

    @Test
    void probabilityZeroNeverInjectsAndOneAlways() throws Throwable {
        assertThat(injectedCalls(ChaosEngine.create(), "probability=0", 1_000)).isEmpty();
        assertThat(injectedCalls(ChaosEngine.create(), "probability=1", 1_000)).hasSize(1_000);
    }

    @Test
    void theSameSeedGivesTheSameInjections() throws Throwable {
        List<Integer> first = injectedCalls(ChaosEngine.builder().seed(42L).build(), "probability=0.1", 2_000);
        List<Integer> second = injectedCalls(ChaosEngine.builder().seed(42L).build(), "probability=0.1", 2_000);
        List<Integer> other = injectedCalls(ChaosEngine.builder().seed(43L).build(), "probability=0.1", 2_000);
        assertThat(first).isEqualTo(second).isNotEqualTo(other);
    }

    @Test
    void aSeededRollDependsOnlyOnSeedRuleAndCallNumber() {
        Chance a = Chance.seeded(42, "slow-catalog");
        Chance b = Chance.seeded(42, "slow-catalog");
        Chance otherRule = Chance.seeded(42, "flaky-db");
        assertThat(b.roll(1_000)).isEqualTo(a.roll(1_000));
        assertThat(a.roll(7)).isEqualTo(a.roll(7));
        assertThat(otherRule.roll(7)).isNotEqualTo(a.roll(7));
        for (long n = 1; n < 10_000; n++) {
            assertThat(a.roll(n)).isBetween(0.0, 1.0);
            assertThat(a.between(5, 9, n)).isBetween(5L, 9L);
        }
    }
}
