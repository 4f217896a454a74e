package dev.chaosagent.engine;

import static dev.chaosagent.testing.WovenCall.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.engine.spi.SiteTable;
import dev.chaosagent.engine.spi.WovenMethod;
import dev.chaosagent.rule.RuleParser;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Resource faults leak for real while their rule lives, and give everything back when it ends. */
class RuleResourcesTest {

    private final RuleParser parser = new RuleParser(getClass().getClassLoader());
    private final WovenMethod site = new WovenMethod("a.B", "c", List.of(), "void", List.of(), Set.of(), false);

    private static long liveLeakThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("chaos-leak-")).count();
    }

    @Test
    void threadsAreHeldUntilTheRuleIsRemoved() throws Throwable {
        ChaosEngine engine = ChaosEngine.create();
        int id = SiteTable.of(engine).register(site);
        long baseline = liveLeakThreads();
        engine.add(parser.parse("name=leak target=a.B#c threads=3"));
        call(engine, id);
        call(engine, id);
        assertThat(liveLeakThreads() - baseline).isEqualTo(6);

        engine.remove("leak");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> liveLeakThreads() == baseline);
    }

    @Test
    void threadsStopAtTheCap() throws Throwable {
        ChaosEngine engine = ChaosEngine.builder().resourceLimits(new ResourceLimits(Long.MAX_VALUE, 5)).build();
        int id = SiteTable.of(engine).register(site);
        long baseline = liveLeakThreads();
        engine.add(parser.parse("name=leak target=a.B#c threads=2"));
        for (int i = 0; i < 5; i++) {
            call(engine, id);
        }
        assertThat(liveLeakThreads() - baseline).isEqualTo(5);
        engine.stopAll();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> liveLeakThreads() == baseline);
    }

    @Test
    void memoryIsRetainedUntilTheRuleEndsAndNeverPastTheCap() throws Throwable {
        ChaosEngine engine = ChaosEngine.builder().resourceLimits(new ResourceLimits(40L << 20, 10)).build();
        int id = SiteTable.of(engine).register(site);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        engine.add(parser.parse("name=leak target=a.B#c memory=16MB"));
        for (int i = 0; i < 4; i++) {
            call(engine, id);
        }
        assertThat(engine.retainedHeapBytes()).as("two blocks fit under 40MB, the third would not").isEqualTo(32L << 20);
        System.gc();
        long held = memory.getHeapMemoryUsage().getUsed();
        assertThat(held).isGreaterThanOrEqualTo(32L << 20);

        engine.remove("leak");
        assertThat(engine.retainedHeapBytes()).isZero();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            return memory.getHeapMemoryUsage().getUsed() < held - (24L << 20);
        });
    }

    @Test
    void theDefaultHeapCapIsEightyPercentOfTheMaximumHeap() {
        assertThat(ResourceLimits.defaults().maxRetainedHeapBytes()).isEqualTo((long) (Runtime.getRuntime().maxMemory() * 0.8));
        assertThat(ResourceLimits.defaults().maxThreadsPerRule()).isEqualTo(1_000);
    }
}
