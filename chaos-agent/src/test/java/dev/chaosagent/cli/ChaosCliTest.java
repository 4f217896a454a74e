package dev.chaosagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The CLI's argument handling, without a target JVM: PIDs here never exist. */
class ChaosCliTest {

    private int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return new ChaosCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    @Test
    void helpForEveryCommand() {
        for (String command : ChaosCli.COMMANDS.keySet()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(run(out, new ByteArrayOutputStream(), command, "--help")).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: java -jar chaos-agent.jar " + command);
        }
    }

    /**
     * Random argument lists, seeded: every run ends with 0, 1 or 2 and a message, never an
     * exception, and quickly (PIDs are above any real process id, so nothing is attached to).
     */
    @Test
    void randomArgumentsOnlyEverGiveTheDocumentedExitCodes() {
        long seed = Long.getLong("chaos.fuzz.seed", 20261126L);
        Random random = new Random(seed);
        List<String> words = new ArrayList<>(ChaosCli.COMMANDS.keySet());
        words.addAll(List.of("--help", "-h", "9999999999", "4999999", "abc", "", " ", "name=x", "target=a.B#c latency=1ms",
                "latency=fast", "\"", "config=/nope", "-1", "help", "rule-1"));
        for (int i = 0; i < 2_000; i++) {
            int count = random.nextInt(5);
            String[] args = new String[count];
            for (int a = 0; a < count; a++) {
                args[a] = words.get(random.nextInt(words.size()));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = run(out, err, args);
            assertThat(status).as("exit of %s", List.of(args)).isIn(0, 1, 2);
            if (status != 0) {
                assertThat(err.toString(StandardCharsets.UTF_8)).as("message of %s", List.of(args)).startsWith("chaos-agent: ");
            }
        }
    }
}
