package dev.chaosagent.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallTallyTest {

    @Test
    void everyCallOfManyThreadsIsCountedOnceTheyAreDone() throws Exception {
        // More threads than slots: some share a slot with a live owner, and some come after a dead one.
        CallTally tally = new CallTally(1);
        for (int round = 0; round < 3; round++) {
            inThreads(50, 10_000, tally, new LongAdder());
            assertThat(tally.sum()).isEqualTo((round + 1) * 50 * 10_000L);
        }
        assertThat(tally.count()).as("a tally that only counts selects every call, for the rule's other triggers to decide").isTrue();
        assertThat(tally.sum()).as("this thread's own cell, read at once").isEqualTo(3 * 50 * 10_000L + 1);
    }

    @Test
    void aTallyOfProbabilityZeroSelectsNoCallAndOneOfProbabilityOneEveryCall() {
        CallTally never = new CallTally(0);
        CallTally always = new CallTally(1);
        for (int i = 0; i < 100_000; i++) {
            assertThat(never.count()).as("call %d, probability 0", i).isFalse();
            assertThat(always.count()).as("call %d, probability 1", i).isTrue();
        }
        assertThat(never.sum()).isEqualTo(100_000L);
        assertThat(always.sum()).isEqualTo(100_000L);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0001, 0.01, 0.3, 0.9})
    void callsAreSelectedWithTheRulesProbability(double probability) {
        CallTally tally = new CallTally(probability);
        int calls = 2_000_000;
        long selected = 0;
        for (int i = 0; i < calls; i++) {
            selected += tally.count() ? 1 : 0;
        }
        // Binomial: six standard deviations either way (a false alarm about once in 500 million runs).
        double sigma = Math.sqrt(calls * probability * (1 - probability));
        assertThat((double) selected).isCloseTo(calls * probability, within(6 * sigma));
    }

    @Test
    void threadsSharingASlotAreSelectedWithTheRulesProbabilityToo() throws Exception {
        CallTally tally = new CallTally(0.5);
        LongAdder selected = new LongAdder();
        inThreads(100, 10_000, tally, selected);
        double sigma = Math.sqrt(1_000_000 * 0.25);
        assertThat(tally.sum()).isEqualTo(1_000_000);
        assertThat(selected.doubleValue()).isCloseTo(500_000, within(6 * sigma));
    }

    private static void inThreads(int threads, int callsEach, CallTally tally, LongAdder selected) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < callsEach; i++) {
                    if (tally.count()) {
                        selected.increment();
                    }
                }
            });
            thread.start();
            started.add(thread);
        }
        start.countDown();
        for (Thread thread : started) {
            thread.join();
        }
    }
}
