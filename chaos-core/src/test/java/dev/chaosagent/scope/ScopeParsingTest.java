package dev.chaosagent.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.rule.RuleParser;
import org.junit.jupiter.api.Test;

/** The scope keys in the rule language: parsed, written back, refused with the usual one-line message. */
class ScopeParsingTest {

    private final RuleParser parser = new RuleParser(getClass().getClassLoader());

    @Test
    void everyScopeKeyParsesAndTheSpecRoundTrips() {
        Rule rule = parser.parse("name=s target=com.acme.Repo#find latency=10ms thread=\"http-nio-*\" arg0=42 arg1=EU-*"
                + " caller=com.acme.checkout.*#submit baggage.chaos=slow-db mdc.tenant=acme");
        assertThat(rule.scope().conditions()).extracting(ScopeCondition::key)
                .containsExactly("thread", "arg0", "arg1", "caller", "baggage.chaos", "mdc.tenant");
        assertThat(rule.scope().argumentIndexes()).containsExactly(0, 1);
        assertThat(rule.toSpec()).isEqualTo("name=s target=com.acme.Repo#find latency=10ms thread=http-nio-* arg0=42 arg1=EU-*"
                + " caller=com.acme.checkout.*#submit baggage.chaos=slow-db mdc.tenant=acme");
        assertThat(parser.parse(rule.toSpec())).isEqualTo(rule);
    }

    @Test
    void aRuleWithoutScopeKeysHasNoScope() {
        assertThat(parser.parse("target=com.acme.Repo#find latency=10ms").scope()).isSameAs(Scope.NONE);
    }

    @Test
    void badScopeValuesAreRefusedNamingKeyValueAndExpectation() {
        assertThatThrownBy(() -> parser.parse("target=a.B#c latency=1ms caller=a.B#c(int)")).isInstanceOf(InvalidRuleException.class)
                .hasMessage("caller: \"a.B#c(int)\" is not a plain CLASS#METHOD (expected the target grammar without parameters or +,"
                        + " like com.acme.checkout.*#submit)");
        assertThatThrownBy(() -> parser.parse("target=a.B#c latency=1ms caller=nomethod")).isInstanceOf(InvalidRuleException.class)
                .hasMessageStartingWith("caller: \"nomethod\" has no single CLASS#METHOD");
        assertThatThrownBy(() -> parser.parse("target=a.B#c latency=1ms thread=\"\"")).isInstanceOf(InvalidRuleException.class)
                .hasMessage("thread: \"\" is empty (expected a pattern, where * matches any run of characters and ? one)");
        assertThatThrownBy(() -> parser.parse("target=a.B#c latency=1ms baggage.=x")).isInstanceOf(InvalidRuleException.class)
                .hasMessageStartingWith("baggage.: \"x\" names no entry");
        assertThatThrownBy(() -> parser.parse("target=a.B#c latency=1ms arg10=x")).isInstanceOf(InvalidRuleException.class)
                .hasMessageStartingWith("arg10: \"x\" is not a known key");
    }
}
