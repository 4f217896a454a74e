package dev.chaosagent.benchmarks;

import com.example.bench.BenchStatement;
import com.example.bench.Target;
import com.example.bench.Untargeted;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one call of an instrumentable method. Which scenario it measures (no agent, idle
 * agent, disabled rule, armed rule, ...) is decided by the JVM it forks into: see {@link RunBenchmarks}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CallCostBenchmark {

    private final Target target = new Target();
    private int input = 42;
    private final BenchStatement statement = new BenchStatement();
    private String sql = "SELECT title FROM albums WHERE id = ?";

    @Benchmark
    public int call() {
        return target.compute(input);
    }

    /** One execution of a JDBC statement, the operation of the jdbc preset (its SQL names the table albums). */
    @Benchmark
    public Object statement() {
        return statement.executeQuery(sql);
    }

    /** A call of a method that returns a {@code CompletableFuture}, which async rules act on. */
    @Benchmark
    public Object callAsync() {
        return target.computeAsync(input);
    }

    /** Set in a fork given chaos-agent, which then fails unless the agent started: its figures would be the baseline's. */
    static final String EXPECTS_AGENT = "bench.expectsChaosAgent";

    static {
        if (Boolean.getBoolean(EXPECTS_AGENT) && System.getProperty("chaos.agent.version") == null) {
            throw new IllegalStateException("chaos-agent did not start in this fork (its stderr above says why)");
        }
        // Loaded so that the "rule on another class" scenario really transforms something.
        new Untargeted().other(1);
    }
}
