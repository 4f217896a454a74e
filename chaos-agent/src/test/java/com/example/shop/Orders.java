package com.example.shop;

/** The method an experiment observes ({@link #place}) and the ones its rules aim at, which it calls. */
public class Orders {

    public String place(int id) throws java.io.IOException {
        return new Payments().charge(id);
    }

    /** A call of its own, which a latency rule keeps asleep. */
    public String ship(int id) {
        return "shipped-" + id;
    }

    public static class Payments {
        public String charge(int id) throws java.io.IOException {
            return "paid-" + id;
        }
    }
}
