package com.example.matrix.javac;

/** Implemented by {@link PoliteGreeter} and by a {@link java.lang.reflect.Proxy} that delegates to one. */
public interface Greeter {

    String greet(String name);
}
