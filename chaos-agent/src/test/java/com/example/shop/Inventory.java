package com.example.shop;

/** What the soak's workers call: a method that returns, and one that only does work. */
public class Inventory {

    public int reserve(int n) {
        return n + 1;
    }

    public void audit() {
        // resource faults act here
    }
}
