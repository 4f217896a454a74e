package dev.chaosagent.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A key the language does not know: a typo gets the key it is a typo of, any other word the list alone. */
class UnknownKeyTest {

    private static final String KEYS = "expected one of name, target, preset, latency, exception, message, returns, cpu, memory, threads,"
            + " kill, at, probability, every, after, limit, ttl, enabled, async, or a scope key: thread, arg0..arg9, caller, baggage.KEY, mdc.KEY";

    private final RuleParser parser = new RuleParser(getClass().getClassLoader());

    @ParameterizedTest
    @CsvSource({
            "latncy, latency",
            "probabilty, probability",
            "exeption, exception",
            "ltaency, latency",
            "Latency, latency",
            "trget, target",
            "limt, limit",
            "tll, ttl",
            "enabeld, enabled",
            "mesage, message"})
    void aTypoGetsTheKeyItIsATypoOf(String typed, String meant) {
        assertThatThrownBy(() -> parser.parse("target=a.B#c latency=1ms " + typed + "=1"))
                .isInstanceOfSatisfying(InvalidRuleException.class, e -> assertThat(e.key()).isEqualTo(typed))
                .hasMessage(typed + ": \"1\" is not a known key (did you mean " + meant + "? " + KEYS + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "x", "delay", "timeout", "probabilityOfFailure"})
    void aWordUnlikeAnyKeyGetsTheListAndNoGuess(String typed) {
        assertThatThrownBy(() -> parser.parse("target=a.B#c latency=1ms " + typed + "=1"))
                .hasMessage(typed + ": \"1\" is not a known key (" + KEYS + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"probabilty", "bogus"})
    void theYamlFormSaysTheSame(String typed) {
        String oneLine = catchMessage(() -> parser.parse("target=a.B#c latency=1ms " + typed + "=0.5"));
        assertThat(catchMessage(() -> parser.parse(Map.of("target", "a.B#c", "latency", "1ms", typed, 0.5)))).isEqualTo(oneLine);
    }

    @ParameterizedTest
    @CsvSource({"latency, latncy, 1", "latency, ltaency, 1", "ttl, tll, 1", "cpu, bogus, 4", "at, ta, 1", "every, every, 0", "'', abc, 3"})
    void editDistanceCountsASwappedPairAsOneEdit(String a, String b, int distance) {
        assertThat(RuleParser.editDistance(a, b)).isEqualTo(distance);
        assertThat(RuleParser.editDistance(b, a)).isEqualTo(distance);
    }

    private static String catchMessage(Runnable parse) {
        try {
            parse.run();
        } catch (InvalidRuleException e) {
            return e.getMessage();
        }
        throw new AssertionError("the rule was accepted");
    }
}
