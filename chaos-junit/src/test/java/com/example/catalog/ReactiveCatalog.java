package com.example.catalog;

import reactor.core.publisher.Mono;

/** A reactive service, as a WebFlux handler calls it. */
public class ReactiveCatalog {

    public Mono<String> album(String id) {
        return Mono.fromSupplier(() -> "album-" + id);
    }
}
