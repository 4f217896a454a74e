package com.example.matrix.ecj;

/** Returns inside try/catch and try/finally; the counters tell how often each part ran. */
public class Fixture {

    static int bodies;
    static int catches;
    static int finallies;

    public int tryCatch() {
        try {
            bodies++;
            return five();
        } catch (RuntimeException e) {
            catches++;
            return -1;
        }
    }

    public int tryFinally() {
        try {
            bodies++;
            return five();
        } finally {
            finallies++;
        }
    }

    private int five() {
        return 5;
    }
}
