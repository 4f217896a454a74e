package dev.chaosagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

    @Test
    void readsEveryOption() {
        AgentOptions options = AgentOptions.parse("config=/etc/plan.yaml, enabled=false,jmx=false,allowDestructive=true,seed=-42,"
                + "journal=/tmp/j.jsonl,metrics=9464,log=DEBUG,podLabels=/etc/podinfo/labels,metricsHost=0.0.0.0");
        assertThat(options.problems()).isEmpty();
        assertThat(options.config()).isEqualTo(Path.of("/etc/plan.yaml"));
        assertThat(options.enabled()).isFalse();
        assertThat(options.jmx()).isFalse();
        assertThat(options.allowDestructive()).isTrue();
        assertThat(options.seed()).isEqualTo(-42L);
        assertThat(options.journal()).isEqualTo(Path.of("/tmp/j.jsonl"));
        assertThat(options.metricsPort()).isEqualTo(9464);
        assertThat(options.logLevel()).isEqualTo("debug");
        assertThat(options.podLabels()).isEqualTo(Path.of("/etc/podinfo/labels"));
        assertThat(options.metricsHost()).isEqualTo("0.0.0.0");
    }

    @Test
    void defaultsAreSafe() {
        AgentOptions options = AgentOptions.parse(null);
        assertThat(options.disarmed()).isFalse();
        assertThat(options.enabled()).isTrue();
        assertThat(options.jmx()).isTrue();
        assertThat(options.allowDestructive()).as("destructive faults are opt-in").isFalse();
        assertThat(options.metricsPort()).as("no port is opened unless asked").isNull();
    }

    @Test
    void metricsOnPortZeroLetTheSystemPickThePort() {
        AgentOptions options = AgentOptions.parse("metrics=0");
        assertThat(options.problems()).isEmpty();
        assertThat(options.metricsPort()).as("bound to a free port, logged in the agent's metrics line").isZero();
    }

    @Test
    void everyProblemIsNamedAndDisarms() {
        AgentOptions options = AgentOptions.parse("colour=red,seed=x,metrics=70000,enabled,log=loud,jmx=true,jmx=false,metricsHost=a b");
        assertThat(options.disarmed()).isTrue();
        assertThat(options.problems()).containsExactly(
                "unknown option colour (expected one of config, enabled, jmx, allowDestructive, seed, journal, metrics, log, podLabels,"
                        + " metricsHost)",
                "option enabled has no value (expected enabled=VALUE)",
                "option jmx is given twice (expected each option once)",
                "log=loud is not a level (expected one of error, warn, info, debug, trace, off)",
                "seed=x is not a whole number (expected like 42)",
                "metrics=70000 is not a port (expected 1 to 65535, or 0 for one the system picks)",
                "metricsHost=a b is not an address (expected an IP address or a host name, like 0.0.0.0)");
    }

    /** Random option strings, seeded: only problems come out, never an exception. */
    @Test
    void randomOptionStringsOnlyEverGiveProblems() {
        long seed = Long.getLong("chaos.fuzz.seed", 20261126L);
        System.out.println("fuzz seed: " + seed);
        Random random = new Random(seed);
        List<String> pieces = List.of("config", "enabled", "jmx", "allowDestructive", "seed", "journal", "metrics", "log", "podLabels", "metricsHost", "=", ",",
                "true", "false", "-1", "99999999999999999999", "/tmp/x", " ", "", "debug", "\u0000", "==", "0");
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int p = 0; p < length; p++) {
                text.append(pieces.get(random.nextInt(pieces.size())));
            }
            AgentOptions options = AgentOptions.parse(text.toString());
            assertThat(options.problems()).allSatisfy(problem -> assertThat(problem).isNotBlank().doesNotContain("\n"));
        }
    }
}
