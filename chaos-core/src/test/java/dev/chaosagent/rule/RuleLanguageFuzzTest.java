package dev.chaosagent.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.chaosagent.engine.ChaosEngine;
import dev.chaosagent.plan.InvalidPlanException;
import dev.chaosagent.plan.PlanParser;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated and mutated specs and plans, seeded so that a failure can be replayed:
 * the parsers either accept or throw their documented exception, and a refused rule changes
 * nothing in the engine.
 */
class RuleLanguageFuzzTest {

    private static final long SEED = Long.getLong("chaos.fuzz.seed", 20261126L);
    private static final List<String> VALID = List.of(
            "name=slow target=com.acme.*Client#fetch* latency=200ms..1500ms probability=0.3",
            "target=java.sql.Statement+#execute* exception=java.sql.SQLException message=\"chaos: \\\"x\\\"\" limit=5",
            "name=r target=a.**.B#c(int,java.lang.String) returns=\"ok\" at=exit every=2 after=3 ttl=1m",
            "target=a.B#c(..) cpu=5ms enabled=false", "target=a.B#c memory=1KB", "target=a.B#c threads=1",
            "target=a.B#c kill=3", "target=a.B#c returns=-1.5");
    private static final String ALPHABET = "abcAZ09=\" \\#*+.,()_-$:/\t\n.."
            + "\u00e9\u4e2d\u0000\ud83d\ude00";
    private static final List<String> FRAGMENTS = List.of("target=", "latency=", "exception=", "returns=", "..", "(..)",
            "#", "+", "**", "\"", "\\\"", "=", " ", "ms", "s", "1e9", "-1", "99999999999999999999", "null", "at=exit",
            "probability=", "every=", "limit=", "ttl=", "message=", "java.lang.Object", "dev.chaosagent.X");

    private final RuleParser parser = new RuleParser(getClass().getClassLoader());

    /** A hang shows as a timeout of the whole run rather than as a slow test. */
    @Test
    void randomAndMutatedSpecsOnlyEverGiveTheDocumentedError() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), this::fuzzSpecs);
    }

    @Test
    void randomPlansOnlyEverGiveTheDocumentedError() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), this::fuzzPlans);
    }

    private void fuzzSpecs() {
        System.out.println("fuzz seed: " + SEED + " (replay with -Dchaos.fuzz.seed=" + SEED + ")");
        Random random = new Random(SEED);
        ChaosEngine engine = ChaosEngine.create();
        engine.add(parser.parse("name=keep target=a.B#c latency=1ms"));
        String before = engine.rules().toString();
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 30_000; i++) {
            String spec = i % 3 == 0 ? randomText(random) : mutate(VALID.get(random.nextInt(VALID.size())), random);
            Rule rule;
            try {
                rule = parser.parse(spec);
            } catch (InvalidRuleException e) {
                assertThat(e.getMessage()).as(spec).isNotBlank().doesNotContain("\n").isNotEmpty();
                refused++;
                continue;
            }
            accepted++;
            assertThat(parser.parse(rule.toSpec())).as("round trip of %s", spec).isEqualTo(rule);
            try {
                // Named "keep" rules would replace the control rule: add under a fresh name.
                engine.add(rule.withName("fuzz"));
                engine.remove("fuzz");
            } catch (InvalidRuleException e) {
                refused++;
            }
            assertThat(engine.rules().toString()).isEqualTo(before);
        }
        assertThat(accepted).as("the mutations keep some specs valid").isGreaterThan(1_000);
        assertThat(refused).isGreaterThan(1_000);
    }

    private void fuzzPlans() {
        Random random = new Random(SEED);
        PlanParser plans = new PlanParser(parser);
        String plan = "enabled: true\nseed: 42\nrules:\n  - name: slow\n    target: a.B#c\n    latency: 1ms..2ms\n"
                + "  - target: a.B#d\n    exception: java.io.IOException\n    message: \"x\"\n";
        for (int i = 0; i < 10_000; i++) {
            String text = mutate(plan, random);
            try {
                plans.parse(text, "fuzz.yaml");
            } catch (InvalidPlanException e) {
                assertThat(e.problems()).isNotEmpty();
            }
        }
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(60);
        for (int i = 0; i < length; i++) {
            if (random.nextInt(4) == 0) {
                text.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
            } else {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return text.toString();
    }

    private static String mutate(String text, Random random) {
        StringBuilder mutated = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && mutated.length() > 0; e++) {
            int at = random.nextInt(mutated.length());
            switch (random.nextInt(4)) {
                case 0 -> mutated.deleteCharAt(at);
                case 1 -> mutated.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 2 -> mutated.insert(at, FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
                default -> mutated.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return mutated.toString();
    }
}
