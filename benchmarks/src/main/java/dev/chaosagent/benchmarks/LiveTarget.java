package dev.chaosagent.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;

/**
 * Runs in the measured JVM for live changes: loads {@code gen.hot.*} and {@code n} classes in all,
 * then calls {@code gen.hot.H0.run()} in a loop and prints {@code injected} the moment it returns -1
 * (the rule's value) and {@code restored} when it returns its own again. A second thread measures
 * the longest pause the application sees (sleeping 1 ms and timing it); {@code pause} on stdin
 * prints the longest since the last ask.
 */
public final class LiveTarget {

    private static volatile long longestPauseNanos;

    private LiveTarget() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        for (int i = 0; i < count; i++) {
            Class.forName(i < 100 ? "gen.hot.H" + i : "gen.cold.C" + (i - 100)).getMethod("run").invoke(null);
        }
        Method hot = Class.forName("gen.hot.H0").getMethod("run");
        Thread caller = new Thread(() -> {
            boolean injected = false;
            while (true) {
                try {
                    boolean now = (int) hot.invoke(null) == -1;
                    if (now != injected) {
                        injected = now;
                        System.out.println(now ? "injected" : "restored");
                    }
                } catch (Exception e) {
                    System.out.println("error " + e);
                    return;
                }
            }
        }, "caller");
        caller.setDaemon(true);
        caller.start();
        Thread hiccups = new Thread(() -> {
            while (true) {
                long start = System.nanoTime();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
                longestPauseNanos = Math.max(longestPauseNanos, System.nanoTime() - start - 1_000_000);
            }
        }, "hiccups");
        hiccups.setDaemon(true);
        hiccups.start();
        System.out.println("ready " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("pause")) {
                System.out.println("pause " + longestPauseNanos / 1_000_000);
                longestPauseNanos = 0;
            }
        }
    }
}
