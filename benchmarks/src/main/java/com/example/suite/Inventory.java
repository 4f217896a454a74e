package com.example.suite;

/** The code under test of the test project that {@code JUnitSuiteCost} runs. */
public class Inventory {

    private int reserved;

    public int reserve(int quantity) {
        reserved += quantity;
        return reserved;
    }
}
