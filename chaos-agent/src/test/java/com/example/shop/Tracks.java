package com.example.shop;

import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A reactive service, as a WebFlux application's handlers call it. */
public class Tracks {

    private final AtomicInteger subscriptions = new AtomicInteger();

    public Mono<String> track(int id) {
        return Mono.fromSupplier(() -> {
            subscriptions.incrementAndGet();
            return "track-" + id;
        });
    }

    public Flux<String> album(int tracks) {
        return Flux.range(1, tracks).doOnSubscribe(s -> subscriptions.incrementAndGet()).map(i -> "track-" + i);
    }

    /** How many times the work behind a publisher ran. */
    public int subscriptions() {
        return subscriptions.get();
    }
}
