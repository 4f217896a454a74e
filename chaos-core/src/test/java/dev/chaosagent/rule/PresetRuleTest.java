package dev.chaosagent.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosagent.fault.ExceptionFault;
import dev.chaosagent.fault.LatencyFault;
import dev.chaosagent.preset.Presets;
import dev.chaosagent.preset.jdbc.JdbcPreset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code preset} key in the rule language: both forms, its scope keys, its default fault, and every mistake. */
class PresetRuleTest {

    private final RuleParser parser = new RuleParser(getClass().getClassLoader());

    @Test
    void aPresetRuleWithoutAFaultGetsThePresetsDefaultAndPrintsBackEqual() {
        Rule rule = parser.parse("name=orders-down preset=jdbc sql.table=orders sql.type=select");

        assertThat(rule.target()).isNull();
        assertThat(rule.preset()).isSameAs(JdbcPreset.INSTANCE);
        assertThat(rule.fault()).isInstanceOfSatisfying(ExceptionFault.class,
                fault -> assertThat(fault.type().getName()).isEqualTo("java.sql.SQLTransientConnectionException"));
        assertThat(rule.toSpec()).isEqualTo("name=orders-down preset=jdbc exception=java.sql.SQLTransientConnectionException"
                + " sql.table=orders sql.type=select");
        assertThat(parser.parse(rule.toSpec())).isEqualTo(rule);
        assertThat(rule.methods()).extracting(Object::toString).contains("java.sql.Statement+#executeQuery");
    }

    @Test
    void theYamlFormIsTheSameRule() {
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("name", "slow-orders");
        yaml.put("preset", "jdbc");
        yaml.put("sql.table", "public.orders");
        yaml.put("latency", "200ms");
        yaml.put("thread", "http-*");

        Rule rule = parser.parse(yaml);

        assertThat(rule.fault()).isInstanceOf(LatencyFault.class);
        assertThat(rule).isEqualTo(parser.parse("name=slow-orders preset=jdbc sql.table=public.orders latency=200ms thread=http-*"));
    }

    @Test
    void everyMistakeGetsOneMessageNamingKeyValueAndExpectation() {
        assertThatThrownBy(() -> parser.parse("preset=jdbc target=com.acme.Repo#save latency=1ms"))
                .hasMessage("preset: \"jdbc\" cannot be used with target (expected either target=CLASS#METHOD or preset=NAME)");
        assertThatThrownBy(() -> parser.parse("preset=mongo latency=1ms"))
                .hasMessage("preset: \"mongo\" is not a preset (expected one of " + Presets.names() + ")");
        assertThatThrownBy(() -> parser.parse("preset=jdbc sql.tabel=orders"))
                .hasMessage("sql.tabel: \"orders\" is not a key of preset jdbc (expected one of sql.type, sql.table, sql.text,"
                        + " or a scope key: thread, arg0..arg9, caller, baggage.KEY, mdc.KEY)");
        assertThatThrownBy(() -> parser.parse("preset=jdbc http.path=/orders"))
                .hasMessageStartingWith("http.path: \"/orders\" is not a key of preset jdbc (expected one of sql.type, sql.table, sql.text");
        assertThatThrownBy(() -> parser.parse("target=com.acme.Repo#save latency=1ms sql.table=orders"))
                .hasMessage("sql.table: \"orders\" is a key of preset jdbc (expected preset=jdbc instead of a target)");
        assertThatThrownBy(() -> parser.parse("preset=jdbc sql.type=selct"))
                .hasMessage("sql.type: \"selct\" matches no statement type (expected one of select, insert, update, delete, merge, call,"
                        + " ddl, other)");
        assertThatThrownBy(() -> parser.parse("preset=jdbc latency=1ms exception=java.sql.SQLException"))
                .hasMessageStartingWith("rule: \"preset=jdbc\" has faults latency and exception (expected exactly one of");
        assertThatThrownBy(() -> parser.parse("preset=jdbc sql.table="))
                .hasMessageStartingWith("sql.table: \"\" is empty");
    }

    @Test
    void sqlPatternsIgnoreCaseAndAcceptWildcards() {
        assertThat(parser.parse("preset=jdbc sql.type=SEL* sql.table=Order?").scope().toString()).isEqualTo("sql.type=SEL* sql.table=Order?");
    }
}
