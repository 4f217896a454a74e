package com.example.matrix.javac;

import java.util.function.IntSupplier;

/** Hands out a lambda: its body is javac's private synthetic {@code lambda$supplier$0}, run later by the caller. */
public class Lambdas {

    static int bodies;

    public IntSupplier supplier() {
        return () -> {
            bodies++;
            return 3;
        };
    }
}
