package com.example.weaving;

import java.io.IOException;
import java.util.function.Supplier;

/** Methods of every return type and of awkward shapes, for the weaver's test. */
public class Shapes implements Supplier<String> {

    private int calls;
    private int caught;
    private int finallyRuns;

    public static boolean flag() {
        return true;
    }

    public static byte small() {
        return 1;
    }

    public static char letter() {
        return 'a';
    }

    public static short medium() {
        return 2;
    }

    public int number() {
        return 3;
    }

    public long big(long a, double b, int c) {
        return a + (long) b + c;
    }

    public float ratio() {
        return 0.5f;
    }

    public double precise(double a, long b) {
        return a + b;
    }

    public String text() {
        return "text";
    }

    public int[] numbers() {
        return new int[] {1};
    }

    public void touch() {
        calls++;
    }

    public int touched() {
        return calls;
    }

    /** A loop at the very first instruction: the original code has a stack map frame at offset 0. */
    public int loopFromTheStart(int n) {
        int sum = 0;
        while (n > 0) {
            sum += n--;
        }
        return sum;
    }

    /** A value returned from inside a try block, which must not catch what is injected at exit. */
    public int guarded() {
        try {
            return number();
        } catch (RuntimeException e) {
            caught++;
            return -1;
        } finally {
            finallyRuns++;
        }
    }

    /** How often guarded's catch block and its finally block ran, as "caught/finally". */
    public String handlers() {
        return caught + "/" + finallyRuns;
    }

    /** javac adds a bridge, get() returning Object, that calls this one. */
    @Override
    public String get() {
        return "got";
    }

    public String read() throws IOException {
        return "read";
    }
}
