package dev.chaosagent.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Tests that share one forked {@link MatrixJvm}: each test starts with no rule and the fixtures'
 * counters at zero, and ends with nothing that failed to weave (no {@code VerifyError}, no class the
 * agent could not instrument). Fixtures come with a driver class whose public static no-argument
 * methods make the calls, and {@code counters()} and {@code reset()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ForkedMatrix {

    static final String CHAOS = "exception=java.lang.IllegalStateException message=chaos";
    static final String THROWN = "!java.lang.IllegalStateException: chaos";

    MatrixJvm jvm;
    private int stderrBefore;

    /** The fixtures' package, e.g. {@code com.example.matrix.kotlinc}. */
    abstract String fixtures();

    MatrixJvm startJvm() throws Exception {
        return MatrixJvm.start();
    }

    @BeforeAll
    void start() throws Exception {
        jvm = startJvm();
    }

    @AfterAll
    void close() throws Exception {
        if (jvm != null) {
            jvm.close();
        }
    }

    @BeforeEach
    void noRulesAndCountersAtZero() {
        jvm.ok("stop");
        assertThat(jvm.run(driver("reset"), 1)).isEqualTo("=reset");
        stderrBefore = jvm.stderrLines();
    }

    @AfterEach
    void nothingFailedToWeave() {
        assertThat(jvm.stderrSince(stderrBefore)).doesNotContain("VerifyError").doesNotContain("cannot instrument");
    }

    /** The class, in {@link #fixtures()}, of the driver methods. */
    String driverClass() {
        return "Driver";
    }

    String driver(String method) {
        return fixtures() + "." + driverClass() + "#" + method;
    }

    String target(String classAndMethod) {
        return "target=" + fixtures() + "." + classAndMethod;
    }

    /** The fixture's counters now, from its driver's {@code counters()}: {@code bodies}, {@code catches}, ... */
    Map<String, Integer> counters() {
        String answer = jvm.run(driver("counters"), 1);
        Map<String, Integer> counters = new HashMap<>();
        for (String pair : answer.substring(1).split(" ")) {
            String[] parts = pair.split("=");
            counters.put(parts[0], Integer.parseInt(parts[1]));
        }
        return counters;
    }

    /**
     * Runs a scenario that adds rules, removes them all, and asserts that these classes (simple
     * names, in {@link #fixtures()}) have again the bytecode they had before it.
     */
    void restoredAfter(Runnable scenario, String... classes) {
        Map<String, String> before = new HashMap<>();
        for (String name : classes) {
            before.put(name, jvm.shape(fixtures() + "." + name));
        }
        scenario.run();
        jvm.ok("stop");
        for (String name : classes) {
            assertThat(jvm.shape(fixtures() + "." + name)).as("%s restored", name).isEqualTo(before.get(name));
        }
    }

    /** {@code times} outcomes, every second one the injected exception: what {@code every=2} gives. */
    static String everySecondThrows(String value, int times) {
        StringBuilder outcomes = new StringBuilder();
        for (int i = 1; i <= times; i++) {
            outcomes.append(i == 1 ? "" : "|").append(i % 2 == 0 ? THROWN : "=" + value);
        }
        return outcomes.toString();
    }

}
