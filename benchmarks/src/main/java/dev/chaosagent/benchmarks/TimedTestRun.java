package dev.chaosagent.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs one test class with the JUnit Platform launcher, as Surefire would, in the JVM that
 * {@link JUnitSuiteCost} forks, and prints each test's time in microseconds on a line of its own
 * ({@code test MICROS CPU_MICROS}, in the order they ran: wall time, and the CPU time of the whole
 * JVM, its compiler and collector threads included), then {@code done}. The first test's time starts
 * when its class does, so that it carries the class's callbacks (where chaos-junit loads the agent).
 * A test that fails ends the run with exit code 1.
 */
public final class TimedTestRun implements TestExecutionListener {

    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final List<String> times = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private long classStarted;
    private long classStartedCpu;
    private long testStarted;
    private long testStartedCpu;

    private TimedTestRun() {
    }

    public static void main(String[] args) {
        TimedTestRun run = new TimedTestRun();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(args[0])).build(), run);
        run.times.forEach(time -> System.out.println("test " + time));
        run.failures.forEach(System.out::println);
        System.out.println("done");
        System.exit(run.failures.isEmpty() && !run.times.isEmpty() ? 0 : 1);
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        long now = System.nanoTime();
        long cpu = os.getProcessCpuTime();
        if (test.isTest()) {
            testStarted = now;
            testStartedCpu = cpu;
        } else if (classStarted == 0 && test.getSource().orElse(null) instanceof ClassSource) {
            classStarted = now;
            classStartedCpu = cpu;
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        long now = System.nanoTime();
        long cpu = os.getProcessCpuTime();
        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            failures.add("failed " + test.getDisplayName() + ": " + result.getThrowable().map(Throwable::toString).orElse("aborted"));
        }
        if (test.isTest()) {
            boolean first = times.isEmpty();
            times.add((now - (first ? classStarted : testStarted)) / 1_000 + " " + (cpu - (first ? classStartedCpu : testStartedCpu)) / 1_000);
        }
    }
}
