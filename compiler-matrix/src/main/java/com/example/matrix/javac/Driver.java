package com.example.matrix.javac;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.apache.commons.collections.FastHashMap;

/** The calls the matrix makes, each as an application compiled by javac would make it. */
public final class Driver {

    private static final Greeter PROXY = (Greeter) Proxy.newProxyInstance(Greeter.class.getClassLoader(), new Class<?>[] {Greeter.class},
            (proxy, method, args) -> {
                try {
                    return method.invoke(new PoliteGreeter(), args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    private static final FastHashMap OLD_MAP = new FastHashMap();

    static {
        OLD_MAP.put("k", "v");
    }

    private Driver() {
    }

    public static Object tryCatch() {
        return new Fixture().tryCatch();
    }

    public static Object tryFinally() {
        return new Fixture().tryFinally();
    }

    /** Through the interface, that is through the bridge. */
    public static Object bridge() {
        Source<Integer> source = new IntSource();
        return source.get();
    }

    /** The lambda is made inside {@code supplier()} and run outside it. */
    public static Object lambda() {
        return new Lambdas().supplier().getAsInt();
    }

    public static Object proxy() {
        return PROXY.greet("proxy");
    }

    public static Object superCall() {
        return new Discounted().price();
    }

    /** {@code FastHashMap.get} of commons-collections 2.1 (class file version 45), whose synchronized block is a JSR subroutine. */
    public static Object oldLibrary() {
        return OLD_MAP.get("k");
    }

    public static String counters() {
        return "bodies=" + Fixture.bodies + " catches=" + Fixture.catches + " finallies=" + Fixture.finallies + " gets=" + IntSource.gets
                + " lambdas=" + Lambdas.bodies + " greetings=" + PoliteGreeter.greetings + " prices=" + Base.prices;
    }

    public static String reset() {
        Fixture.bodies = 0;
        Fixture.catches = 0;
        Fixture.finallies = 0;
        IntSource.gets = 0;
        Lambdas.bodies = 0;
        PoliteGreeter.greetings = 0;
        Base.prices = 0;
        return "reset";
    }
}
