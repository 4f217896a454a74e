package com.example.shop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The Reactor commands of {@link AsyncShop}, loaded only when the forked JVM has Reactor. Each
 * subscribes as a WebFlux handler would and answers what the subscriber saw, and when.
 */
final class ReactorShop {

    private static final Tracks tracks = new Tracks();
    private static final Scheduler loop = Schedulers.newSingle("event-loop");

    private ReactorShop() {
    }

    static Object run(String line) throws Exception {
        String[] words = line.split(" ");
        return switch (words[0]) {
            case "mono" -> mono();
            case "flux" -> tracks.album(Integer.parseInt(words[1])).collectList().map(List::toString)
                    .onErrorResume(failure -> Mono.just("handled " + failure)).block(Duration.ofSeconds(10));
            case "loop" -> onLoop(Integer.parseInt(words[1]));
            case "subscriptions" -> tracks.subscriptions();
            default -> throw new IllegalArgumentException("unknown reactor command " + words[0]);
        };
    }

    /** One call's publisher, subscribed to as an application would: its value or error, and when. */
    private static String mono() {
        long start = System.nanoTime();
        Mono<String> publisher = tracks.track(7);
        long returned = System.nanoTime() - start;
        String outcome = publisher.onErrorResume(failure -> Mono.just("handled " + failure)).defaultIfEmpty("empty")
                .block(Duration.ofSeconds(10));
        return outcome + " returned=" + returned / 1_000_000 + "ms completed=" + (System.nanoTime() - start) / 1_000_000 + "ms";
    }

    /**
     * {@code calls} calls made and subscribed to on a single-thread scheduler standing for an event
     * loop: how long they held it, how long a task queued after them waited, and when each emitted.
     */
    private static String onLoop(int calls) throws Exception {
        long[] emittedAfter = new long[calls];
        CountDownLatch emitted = new CountDownLatch(calls);
        long[] callsNanos = new long[1];
        CountDownLatch called = new CountDownLatch(1);
        loop.schedule(() -> {
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                int id = i;
                long calledAt = System.nanoTime();
                tracks.track(id).subscribe(value -> {
                    emittedAfter[id] = System.nanoTime() - calledAt;
                    emitted.countDown();
                });
            }
            callsNanos[0] = System.nanoTime() - start;
            called.countDown();
        });
        called.await(10, TimeUnit.SECONDS);
        long submitted = System.nanoTime();
        CountDownLatch ran = new CountDownLatch(1);
        long[] waited = new long[1];
        loop.schedule(() -> {
            waited[0] = System.nanoTime() - submitted;
            ran.countDown();
        });
        ran.await(10, TimeUnit.SECONDS);
        if (!emitted.await(30, TimeUnit.SECONDS)) {
            return "only " + (calls - emitted.getCount()) + " of " + calls + " emitted";
        }
        List<Long> millis = new ArrayList<>();
        for (long nanos : emittedAfter) {
            millis.add(nanos / 1_000_000);
        }
        return "calls=" + callsNanos[0] / 1_000_000 + "ms loopWait=" + waited[0] / 1_000_000 + "ms completed="
                + millis.stream().mapToLong(Long::longValue).min().orElseThrow() + ".."
                + millis.stream().mapToLong(Long::longValue).max().orElseThrow() + "ms";
    }
}
