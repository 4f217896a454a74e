package com.example.shop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** A service with asynchronous methods, as an application calls them from an event loop. */
public class Quotes {

    private final AtomicInteger saves = new AtomicInteger();

    public CompletableFuture<String> quote(int id) {
        return CompletableFuture.completedFuture("quote-" + id);
    }

    /** Declares no checked exception, and returns the interface type. */
    public CompletionStage<String> save(String quote) {
        saves.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> "saved " + quote);
    }

    public int saves() {
        return saves.get();
    }
}
