package com.example.matrix.groovyc

/** Returns inside try/catch and try/finally, in dynamic Groovy; the counters tell how often each part ran. */
class Fixture {

    static int bodies
    static int catches
    static int finallies

    int tryCatch() {
        try {
            bodies++
            return five()
        } catch (RuntimeException e) {
            catches++
            return -1
        }
    }

    int tryFinally() {
        try {
            bodies++
            return five()
        } finally {
            finallies++
        }
    }

    private int five() {
        5
    }
}

/** A default argument: groovyc writes a second method `greet()` that calls `greet(String)`. */
class Greeter {

    static int greetings

    String greet(String name = 'world') {
        greetings++
        "hello $name"
    }
}

class Base {

    static int prices

    int price() {
        prices++
        10
    }
}

/** Overrides {@link Base#price} and calls it with {@code super}. */
class Discounted extends Base {

    @Override
    int price() {
        super.price() - 1
    }
}

/** The calls the matrix makes, as Groovy code makes them. */
class Driver {

    static Object tryCatch() {
        new Fixture().tryCatch()
    }

    static Object tryFinally() {
        new Fixture().tryFinally()
    }

    static Object defaults() {
        new Greeter().greet()
    }

    static Object superCall() {
        new Discounted().price()
    }

    static String counters() {
        "bodies=${Fixture.bodies} catches=${Fixture.catches} finallies=${Fixture.finallies} greetings=${Greeter.greetings} prices=${Base.prices}"
    }

    static String reset() {
        Fixture.bodies = 0
        Fixture.catches = 0
        Fixture.finallies = 0
        Greeter.greetings = 0
        Base.prices = 0
        'reset'
    }
}
