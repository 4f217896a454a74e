package com.example.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.RepeatedTest;

/** The test project's tests without chaos: the baseline {@link InventoryChaosTest} is measured against. */
class InventoryTest {

    @RepeatedTest(InventoryChaosTest.TESTS)
    void reservesWhatItIsAsked() {
        assertEquals(3, new Inventory().reserve(3));
    }
}
