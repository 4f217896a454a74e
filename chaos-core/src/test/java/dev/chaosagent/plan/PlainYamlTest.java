package dev.chaosagent.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The plain reader must read what it accepts exactly as SnakeYAML does, and accept the usual plans. */
class PlainYamlTest {

    private static final List<String> PLANS = List.of(
            "",
            "# nothing yet\n",
            "rules: []\n",
            "enabled: true\nseed: 42\nrules:\n  - name: slow\n    target: a.B#c\n    latency: 1ms..2ms\n"
                    + "  - target: a.B#d\n    exception: java.io.IOException\n    message: \"x\"\n",
            "rules:\n- name: db\n  target: java.sql.Statement+#execute*\n  exception: java.sql.SQLTransientConnectionException\n"
                    + "  probability: 0.25   # one in four\n  limit: 10\n  at: entry\n",
            "rules:\n  - {name: r0, target: gen.hot.H0#run, latency: 0ms}\n  - {name: r1, target: 'gen.hot.H1#run', returns: -1, enabled: false}\n",
            "enabled: off\nrules:\n  - name: \"lie\"\n    target: com.acme.Repo#commit\n    returns: false\n    at: exit\n    every: 3\n    after: 1000\n",
            "seed: -7\nrules:\n  -\n    name: 'it''s'\n    target: a.B#c(int,java.lang.String)\n    memory: 64MB\n    ttl: 10m\n    probability: .5\n",
            "rules:\n  - name: cpu\n    target: com.acme.*Client#fetch*\n    cpu: 2\n    latency: 200ms\n    message: \"tab\\there \\\"quoted\\\" \\\\ end\"\n",
            "name: checkout-latency\nexpires: 2026-12-01T18:00:00Z\nselect:\n  pods: 33%\n  names: [catalog-0, catalog-2]\n"
                    + "  labels: {app: catalog, tier: backend}\nrules:\n  - {name: slow, target: a.B#c, latency: 1ms}\n",
            "name: eu\nexpires: 2026-12-01T19:30:00+01:30\nselect: {pods: 12.5%, labels: {zone: eu-1}}\n",
            "expires: 2026-12-01\nselect:\n  names:\n    - catalog-0\n    - '7'\n");
    private static final String ALPHABET = "abcxyz019 -:#'\"[]{},.\n\t_*&!|>%@~+eE";
    private static final List<String> FRAGMENTS = List.of("\n  ", "\n- ", ": ", " # ", "- ", "{", "}", "[", "]", "'", "\"", "null", "yes",
            "0x1F", "1_000", "012", "1e5", ".inf", "2026-01-01", "<<: ", "&a ", "*a", "!!str ", "|", "\\n", "~", "--- ", "\r\n", "\t",
            "\u00a0", "\ufeff", "9223372036854775808", "-0", "+1.5", "on", "Y",
            "2026-02-29T10:00:00Z", "T24:00:00", "-05:00", "1500-01-01", "100%");

    @Test
    void theUsualShapesOfPlanAreReadWithoutSnakeYaml() {
        for (String plan : PLANS) {
            assertThat(PlainYaml.read(plan)).as(plan).isNotSameAs(PlainYaml.DECLINED).isEqualTo(snakeYaml(plan));
        }
        assertThat(PlainYaml.read("rules: []\n")).isEqualTo(Map.of("rules", List.of()));
        assertThat(PlainYaml.read("")).isNull();
    }

    @Test
    void whatItCannotReadExactlyItLeavesToSnakeYaml() {
        for (String text : List.of("a: &x 1\nb: *x\n", "a: !!str 1\n", "a: |\n  text\n", "--- \na: 1\n", "a: 1\na: 2\n",
                "a: 012\n", "a: 1_000\n", "a: 2026-1-1\n", "a: 2026-01-01 10:00:00\n",
                "a: 2026-01-01T10:00:00.5Z\n", "a: .inf\n", "a: b: c\n", "a:\n\t- b\n", "<<: {a: 1}\n",
                "a: \"unclosed\n", "a: 'x' # it's\n", "a: multi\n  line\n", "? a\n: b\n", "on: 1\n", "\ufeffa: 1\n")) {
            assertThat(PlainYaml.read(text)).as(text).isSameAs(PlainYaml.DECLINED);
        }
    }

    @Test
    void onTenThousandsOfMutatedPlansEveryAcceptedTextReadsAsSnakeYamlReadsIt() {
        Random random = new Random(20261126);
        int accepted = 0;
        int invalidYaml = 0;
        for (int i = 0; i < 40_000; i++) {
            String text = mutate(PLANS.get(random.nextInt(PLANS.size())), random);
            Object expected;
            try {
                expected = snakeYaml(text);
            } catch (RuntimeException e) { // YAMLException, and a ClassCastException for some tags
                expected = e;
                invalidYaml++;
            }
            Object actual = PlainYaml.read(text);
            if (actual == PlainYaml.DECLINED) {
                continue;
            }
            accepted++;
            assertThat(expected instanceof RuntimeException).as("SnakeYAML refuses %s: %s", text, expected).isFalse();
            assertThat(actual).as(text).isEqualTo(expected);
            assertSameTypes(actual, expected, text);
        }
        assertThat(accepted).as("mutations the plain reader took").isGreaterThan(8_000);
        assertThat(invalidYaml).as("mutations that are not YAML").isGreaterThan(1_000);
    }

    /** equals() alone would let 1 and 1L, or 1.0 and 1, pass as the same. */
    private static void assertSameTypes(Object actual, Object expected, String text) {
        if (actual == null || expected == null) {
            assertThat(actual).as(text).isEqualTo(expected);
        } else if (actual instanceof Map<?, ?> map) {
            map.forEach((key, value) -> assertSameTypes(value, ((Map<?, ?>) expected).get(key), text));
        } else if (actual instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                assertSameTypes(list.get(i), ((List<?>) expected).get(i), text);
            }
        } else {
            assertThat(actual.getClass()).as(text).isEqualTo(expected.getClass());
        }
    }

    private static Object snakeYaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options)).load(text);
    }

    private static String mutate(String text, Random random) {
        StringBuilder mutated = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = mutated.length() == 0 ? 0 : random.nextInt(mutated.length());
            switch (random.nextInt(4)) {
                case 0 -> {
                    if (mutated.length() > 0) {
                        mutated.deleteCharAt(at);
                    }
                }
                case 1 -> mutated.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 2 -> mutated.insert(at, FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
                default -> {
                    if (mutated.length() > 0) {
                        mutated.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    }
                }
            }
        }
        return mutated.toString();
    }
}
