package com.example.matrix.javac;

/** Implemented with a concrete type argument, so javac writes a bridge method {@code Object get()}. */
public interface Source<T> {

    T get();
}
