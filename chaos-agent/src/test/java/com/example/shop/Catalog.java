package com.example.shop;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** The application code the integration tests aim their rules at. */
public class Catalog {

    private final AtomicInteger saves = new AtomicInteger();

    public String fetch(String id) throws IOException {
        return "album-" + id;
    }

    public int count() {
        return 5;
    }

    public String name() {
        return "catalog";
    }

    /** Has a side effect, so a test can tell whether the body ran. */
    public boolean save(String album) throws IOException {
        saves.incrementAndGet();
        return true;
    }

    /** Declares no checked exception. */
    public void saveQuietly(String album) {
        saves.incrementAndGet();
    }

    public int saves() {
        return saves.get();
    }
}
