package com.example.matrix.ecj;

/** {@code Integer get()}, and javac's synthetic bridge {@code Object get()} that calls it. */
public class IntSource implements Source<Integer> {

    static int gets;

    @Override
    public Integer get() {
        gets++;
        return 7;
    }
}
