package com.example.http;

import java.util.concurrent.atomic.AtomicInteger;

/** What the fixture servers saw: requests their filters let through, and requests their handlers ran for. */
final class Counters {
    final AtomicInteger filtered = new AtomicInteger();
    final AtomicInteger handled = new AtomicInteger();
    /** The paths under which the handlers answer 500, as a broken service would; null: none. */
    volatile String failing;

    /** The status the handler answers a request for this path with. */
    int status(String path) {
        String prefix = failing;
        return prefix != null && path.startsWith(prefix) ? 500 : 200;
    }

    /** The body every handler answers with: it names the request, so a test sees that the handler ran. */
    String handle(String method, String path) {
        handled.incrementAndGet();
        return "handled " + method + " " + path;
    }
}
