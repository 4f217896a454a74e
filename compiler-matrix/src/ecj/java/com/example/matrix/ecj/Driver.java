package com.example.matrix.ecj;

/** The calls the matrix makes, compiled, like the rest of this package, by ecj (the Eclipse compiler). */
public final class Driver {

    private Driver() {
    }

    public static Object tryCatch() {
        return new Fixture().tryCatch();
    }

    public static Object tryFinally() {
        return new Fixture().tryFinally();
    }

    /** Through the interface, that is through ecj's bridge method. */
    public static Object bridge() {
        Source<Integer> source = new IntSource();
        return source.get();
    }

    public static String counters() {
        return "bodies=" + Fixture.bodies + " catches=" + Fixture.catches + " finallies=" + Fixture.finallies + " gets=" + IntSource.gets;
    }

    public static String reset() {
        Fixture.bodies = 0;
        Fixture.catches = 0;
        Fixture.finallies = 0;
        IntSource.gets = 0;
        return "reset";
    }
}
