package dev.chaosagent.engine;

import static dev.chaosagent.engine.WovenMethods.method;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.engine.spi.SiteTable;
import dev.chaosagent.rule.RuleParser;
import dev.chaosagent.testing.WovenCall;
import java.lang.management.ManagementFactory;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The armed path allocates nothing while no fault fires: a million calls through the engine's real
 * entry and exit, measured by the JVM's per-thread allocation counter. Byteman allocates 248 B a
 * call here; one boxed value a call would be 16 MB; the bound leaves room for the few injections a
 * probability of 0.0001 makes.
 */
class ArmedPathAllocationTest {

    private static final int CALLS = 1_000_000;
    private static final long BOUND = 256 * 1024;

    @ParameterizedTest
    @ValueSource(strings = {
            "target=a.Target#compute latency=0ms probability=0.0001",
            "target=a.Target#compute latency=0ms every=1000000000",
            "target=a.Target#compute latency=0ms probability=0.0001 at=exit",
            "target=a.Target#compute latency=0ms probability=0.0001 thread=no-such-thread-*",
            "target=a.*#compute latency=0ms probability=0.0001"})
    void aMillionArmedCallsThatDoNotFireAllocateNothing(String spec) throws Throwable {
        ChaosEngine engine = ChaosEngine.create();
        int site = SiteTable.of(engine).register(method("a.Target", "compute", "int"));
        SiteTable.of(engine).register(method("a.Other", "compute", "int")); // the last rule is on two methods: frames
        engine.add(new RuleParser(getClass().getClassLoader()).parse("name=armed " + spec));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().getId();

        calls(engine, site); // warm: the JIT compiles the path, as in a service that runs
        long before = threads.getThreadAllocatedBytes(threadId);
        calls(engine, site);
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertThat(engine.calls("armed")).as("every call in scope was eligible").isEqualTo(spec.contains("thread=") ? 0 : 2L * CALLS);
        assertThat(allocated).as("bytes allocated by %,d armed calls of %s", CALLS, Set.of(spec)).isLessThan(BOUND);
    }

    private static void calls(ChaosEngine engine, int site) throws Throwable {
        for (int i = 0; i < CALLS; i++) {
            WovenCall.call(engine, site);
        }
    }
}
