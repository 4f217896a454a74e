package com.example.bench;

/** A class that rules target in the "agent on, no rule on the benchmarked class" scenario. */
public class Untargeted {

    public int other(int x) {
        return x - 1;
    }
}
