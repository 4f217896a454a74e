package dev.chaosagent.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.catalog.ReactiveCatalog;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The annotations on a method that returns a {@code Mono}: the latency delays the subscription, not
 * the thread that calls and subscribes (a single-thread scheduler stands for the event loop), and the
 * exception is an error signal the application's {@code onErrorResume} sees.
 */
@EnableChaos
class ReactiveTest {

    private final ReactiveCatalog catalog = new ReactiveCatalog();
    private final Scheduler loop = Schedulers.newSingle("event-loop");

    @AfterEach
    void close() {
        loop.dispose();
    }

    @Test
    @InjectLatency(name = "slow-album", target = "com.example.catalog.ReactiveCatalog#album", value = "300ms")
    void latencyDelaysTheMonoAndNeverTheLoop(ChaosControl chaos) throws Exception {
        // The JVM's first Reactor subscription, and the agent's first lookup of Reactor: not what is measured.
        assertThat(catalog.album("1").block(Duration.ofSeconds(5))).isEqualTo("album-1");
        CountDownLatch emitted = new CountDownLatch(1);
        AtomicLong emittedAfter = new AtomicLong();
        long start = System.nanoTime();
        loop.schedule(() -> catalog.album("42").subscribe(value -> {
            emittedAfter.set(System.nanoTime() - start);
            emitted.countDown();
        }));
        long queued = System.nanoTime();
        AtomicLong tickWaited = new AtomicLong();
        CountDownLatch ticked = new CountDownLatch(1);
        loop.schedule(() -> {
            tickWaited.set(System.nanoTime() - queued);
            ticked.countDown();
        });
        assertThat(ticked.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(emitted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(tickWaited.get())).as("the loop ran the next task while the album waited").isLessThan(300);
        assertThat(TimeUnit.NANOSECONDS.toMillis(emittedAfter.get())).isGreaterThanOrEqualTo(300);
        assertThat(chaos.injections("slow-album")).isEqualTo(2);
    }

    @Test
    @InjectException(name = "album-down", target = "com.example.catalog.ReactiveCatalog#album", type = IOException.class,
            message = "chaos: catalog unreachable", every = 2)
    void exceptionIsAnErrorSignal(ChaosControl chaos) {
        Mono<String> withFallback = Mono.defer(() -> catalog.album("7")).onErrorResume(IOException.class, e -> Mono.just("fallback: " + e.getMessage()));
        assertThat(withFallback.block(Duration.ofSeconds(5))).isEqualTo("album-7");
        assertThat(withFallback.block(Duration.ofSeconds(5))).isEqualTo("fallback: chaos: catalog unreachable");
        assertThat(chaos.calls("album-down")).isEqualTo(2);
    }
}
