package dev.chaosagent.benchmarks;

/**
 * Runs in the measured JVM for start-up: loads and calls {@code gen.hot.H0..H9}, then {@code gen.cold.C0..C(n-1)}, then exits.
 * With {@code heap} it prints the heap in use after collections instead of exiting at once.
 * JDK-only on purpose: the measured JVM's class path is the generated classes and this.
 */
public final class LoadClasses {

    /** How many of {@code gen.hot.H*} it calls: the targets of {@link StartupTime}'s 10-rule plan. */
    static final int TARGETED = 10;

    private LoadClasses() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        long sum = 0;
        // The classes the start-up plan's rules target, called first as an application's own code would be.
        for (int i = 0; i < TARGETED; i++) {
            sum += (int) Class.forName("gen.hot.H" + i).getMethod("run").invoke(null);
        }
        for (int i = 0; i < count; i++) {
            sum += (int) Class.forName("gen.cold.C" + i).getMethod("run").invoke(null);
        }
        if (args.length > 1 && args[1].equals("heap")) {
            for (int i = 0; i < 4; i++) {
                System.gc();
            }
            Runtime runtime = Runtime.getRuntime();
            System.out.println("heap " + (runtime.totalMemory() - runtime.freeMemory()) + " " + sum);
        }
    }
}
