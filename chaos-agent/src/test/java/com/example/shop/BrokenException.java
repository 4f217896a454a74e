package com.example.shop;

/** An exception that cannot be built: the agent's fault fails, not the application. */
public class BrokenException extends RuntimeException {
    public BrokenException(String message) {
        throw new IllegalStateException("cannot build " + message);
    }
}
