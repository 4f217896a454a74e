package dev.chaosagent.engine;

import static dev.chaosagent.testing.WovenCall.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.engine.spi.SiteTable;
import dev.chaosagent.engine.spi.WovenMethod;
import dev.chaosagent.rule.RuleParser;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** Two threads call while a third changes the rules: counters stay exact and nothing but injected exceptions escapes. */
class ConcurrentChangeTest {

    public static final class Injected extends RuntimeException {
        public Injected(String message) {
            super(message);
        }
    }

    @Test
    void countersStayExactWhileRulesChange() throws Exception {
        ChaosEngine engine = ChaosEngine.create();
        RuleParser parser = new RuleParser(getClass().getClassLoader());
        int site = SiteTable.of(engine).register(new WovenMethod("a.B", "c", List.of(), "int", List.of(), Set.of(), false));
        String exception = Injected.class.getName();
        engine.add(parser.parse("name=steady target=a.B#c exception=" + exception + " every=5"));

        AtomicBoolean stop = new AtomicBoolean();
        LongAdder injectedSeen = new LongAdder();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        CountDownLatch started = new CountDownLatch(2);
        Runnable caller = () -> {
            started.countDown();
            while (!stop.get()) {
                try {
                    Object result = call(engine, site);
                    if (result != null && !(result instanceof Integer)) {
                        unexpected.add(new AssertionError("unexpected result " + result));
                    }
                } catch (Injected e) {
                    injectedSeen.increment();
                } catch (Throwable t) {
                    unexpected.add(t);
                }
            }
        };
        Thread first = new Thread(caller, "caller-1");
        Thread second = new Thread(caller, "caller-2");
        first.start();
        second.start();
        started.await();

        Random random = new Random(1234);
        for (int i = 0; i < 2_000; i++) {
            String name = "churn-" + random.nextInt(5);
            switch (random.nextInt(4)) {
                case 0 -> engine.add(parser.parse("name=" + name + " target=a.B#c returns=" + random.nextInt(100) + " probability=0.5"));
                case 1 -> engine.remove(name);
                case 2 -> engine.disable(name);
                default -> engine.enable(name);
            }
        }
        // Only the steady rule throws, and it comes first: after the churn, each of its
        // injections is an exception a caller saw.
        stop.set(true);
        first.join();
        second.join();

        assertThat(unexpected).isEmpty();
        assertThat(engine.injections("steady")).isEqualTo(injectedSeen.sum()).isPositive();
        assertThat(engine.injections("steady")).isEqualTo(engine.calls("steady") / 5);
    }
}
