package com.example.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chaosagent.junit.ChaosControl;
import dev.chaosagent.junit.EnableChaos;
import dev.chaosagent.junit.InjectLatency;
import org.junit.jupiter.api.RepeatedTest;

/**
 * {@link InventoryTest} as a chaos test: each test adds a rule, which weaves {@link Inventory},
 * and removes it when it ends, which restores it.
 */
@EnableChaos
class InventoryChaosTest {

    static final int TESTS = 20;

    @RepeatedTest(TESTS)
    @InjectLatency(name = "slow-inventory", target = "com.example.suite.Inventory#reserve", value = "0ms")
    void reservesWhatItIsAsked(ChaosControl chaos) {
        assertEquals(3, new Inventory().reserve(3));
        assertEquals(1, chaos.injections("slow-inventory"), "the rule acted on the call");
    }
}
