package dev.chaosagent.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosagent.fault.CpuFault;
import dev.chaosagent.fault.ExceptionFault;
import dev.chaosagent.fault.KillFault;
import dev.chaosagent.fault.LatencyFault;
import dev.chaosagent.fault.MemoryFault;
import dev.chaosagent.fault.ReturnsFault;
import dev.chaosagent.fault.ThreadsFault;
import dev.chaosagent.preset.Presets;
import dev.chaosagent.scope.Scope;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

class RuleParserTest {

    private final RuleParser parser = new RuleParser(getClass().getClassLoader());

    @Test
    void readsEveryKeyOfTheOneLineForm() {
        Rule rule = parser.parse("name=flaky-db target=com.acme.db.AlbumRepository#save* exception=java.io.IOException"
                + " message=\"chaos: connection \\\"reset\\\"\" at=exit probability=0.25 every=3 after=10 limit=50 ttl=10m enabled=false");

        assertThat(rule.name()).isEqualTo("flaky-db");
        assertThat(rule.target().toString()).isEqualTo("com.acme.db.AlbumRepository#save*");
        assertThat(rule.fault()).isInstanceOf(ExceptionFault.class);
        ExceptionFault fault = (ExceptionFault) rule.fault();
        assertThat(fault.type()).isEqualTo(IOException.class);
        assertThat(fault.message()).isEqualTo("chaos: connection \"reset\"");
        assertThat(rule.at()).isEqualTo(At.EXIT);
        assertThat(rule.triggers().probability()).isEqualTo(0.25);
        assertThat(rule.triggers().every()).isEqualTo(3);
        assertThat(rule.triggers().after()).isEqualTo(10);
        assertThat(rule.triggers().limit()).isEqualTo(50);
        assertThat(rule.triggers().ttlNanos()).isEqualTo(TimeUnit.MINUTES.toNanos(10));
        assertThat(rule.enabled()).isFalse();
    }

    @Test
    void defaultsAreEntryAlwaysEnabledUnnamed() {
        Rule rule = parser.parse("target=a.B#c latency=800ms");
        assertThat(rule.name()).isNull();
        assertThat(rule.at()).isEqualTo(At.ENTRY);
        assertThat(rule.triggers()).isEqualTo(dev.chaosagent.trigger.Triggers.ALWAYS);
        assertThat(rule.enabled()).isTrue();
    }

    @Test
    void readsEachFault() {
        assertThat(parser.parse("target=a.B#c latency=800ms").fault())
                .isEqualTo(new LatencyFault(DurationRange.fixed(TimeUnit.MILLISECONDS.toNanos(800))));
        assertThat(parser.parse("target=a.B#c latency=200ms..1500ms").fault())
                .isEqualTo(new LatencyFault(new DurationRange(TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.MILLISECONDS.toNanos(1500))));
        assertThat(parser.parse("target=a.B#c cpu=50ms").fault()).isEqualTo(new CpuFault(TimeUnit.MILLISECONDS.toNanos(50)));
        assertThat(parser.parse("target=a.B#c memory=1MB").fault()).isEqualTo(new MemoryFault(1 << 20));
        assertThat(parser.parse("target=a.B#c memory=512KB").fault()).isEqualTo(new MemoryFault(512 << 10));
        assertThat(parser.parse("target=a.B#c threads=2").fault()).isEqualTo(new ThreadsFault(2));
        assertThat(parser.parse("target=a.B#c kill=137").fault()).isEqualTo(new KillFault(137));
        assertThat(parser.parse("target=a.B#c returns=null").fault()).isEqualTo(new ReturnsFault(RuleValue.literal("null")));
        assertThat(parser.parse("target=a.B#c returns=\"a b\"").fault()).isEqualTo(new ReturnsFault(RuleValue.string("a b")));
        assertThat(parser.parse("target=a.B#c exception=java.lang.IllegalStateException").fault())
                .isInstanceOf(ExceptionFault.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "250us | 250000",
            "500ms | 500000000",
            "2s    | 2000000000",
            "1m    | 60000000000",
            "1h    | 3600000000000",
            "0ms   | 0"})
    void readsDurations(String text, long nanos) {
        assertThat(DurationRange.parseDuration("ttl", text)).isEqualTo(nanos);
        assertThat(DurationRange.format(nanos)).isEqualTo(text.equals("0ms") ? "0ms" : text);
    }

    @Test
    void readsSizesInPowersOf1024() {
        assertThat(Sizes.parse("memory", "1GB")).isEqualTo(1L << 30);
        assertThat(Sizes.parse("memory", "3MB")).isEqualTo(3L << 20);
        assertThat(Sizes.format(3L << 20)).isEqualTo("3MB");
    }

    @Test
    void theYamlMapGivesTheSameRuleAsTheOneLineForm() {
        Map<?, ?> yaml = new Yaml().load("""
                name: slow-catalog
                target: com.acme.catalog.CatalogClient#fetchAlbum
                latency: 200ms..1500ms
                probability: 0.3
                every: 2
                ttl: 10m
                """);
        Rule fromYaml = parser.parse(yaml);
        Rule fromLine = parser.parse("name=slow-catalog target=com.acme.catalog.CatalogClient#fetchAlbum"
                + " latency=200ms..1500ms probability=0.3 every=2 ttl=10m");
        assertThat(fromYaml).isEqualTo(fromLine);
    }

    @Test
    void yamlTypesDecideWhatReturnsMeans() {
        Map<?, ?> yaml = new Yaml().load("target: a.B#c\nreturns: null\n");
        assertThat(((ReturnsFault) parser.parse(yaml).fault()).convertFor("java.lang.String")).isNull();
        Map<?, ?> quoted = new Yaml().load("target: a.B#c\nreturns: \"42\"\n");
        assertThat(((ReturnsFault) parser.parse(quoted).fault()).convertFor("java.lang.String")).isEqualTo("42");
        Map<?, ?> number = new Yaml().load("target: a.B#c\nreturns: 42\n");
        assertThat(((ReturnsFault) parser.parse(number).fault()).convertFor("int")).isEqualTo(42);
    }

    @Test
    void asyncIsAutoOrOffAndAnUnquotedYamlOffMeansOff() {
        assertThat(parser.parse("target=a.B#c latency=1ms").async()).isTrue();
        assertThat(parser.parse("target=a.B#c latency=1ms async=auto").async()).isTrue();
        Rule off = parser.parse("target=a.B#c latency=1ms async=off");
        assertThat(off.async()).isFalse();
        assertThat(off.toSpec()).isEqualTo("target=a.B#c latency=1ms async=off");
        Map<?, ?> yaml = new Yaml().load("target: a.B#c\nlatency: 1ms\nasync: off\n");
        assertThat(yaml.get("async")).as("YAML 1.1 reads an unquoted off as false").isEqualTo(false);
        assertThat(parser.parse(yaml).async()).isFalse();
        assertThat(parser.parse((Map<?, ?>) new Yaml().load("target: a.B#c\nlatency: 1ms\nasync: \"off\"\n")).async()).isFalse();
        assertThatThrownBy(() -> parser.parse("target=a.B#c latency=1ms async=on"))
                .hasMessage("async: \"on\" is not a mode (expected auto or off)");
    }

    @Test
    void theSpecOfARuleParsesBackToAnEqualRule() {
        for (String spec : new String[] {
                "name=x target=a.B+#c*(int,java.lang.String) latency=1ms..2s at=exit probability=0.5 every=2 after=3 limit=4 ttl=90s enabled=false",
                "target=a.**.B#c exception=java.io.IOException message=\"with \\\"quotes\\\" and \\\\ backslash\"",
                "target=a.B#c returns=\"text with spaces\"",
                "target=a.B#c returns=-12.5",
                "target=a.B#c memory=1536KB"}) {
            Rule rule = parser.parse(spec);
            assertThat(parser.parse(rule.toSpec())).as(spec).isEqualTo(rule);
        }
    }

    @Test
    void scopeKeysAloneAreReadAsARulesAreAndNothingElseIsTakenForOne() {
        assertThat(RuleParser.parseScope("thread=worker-* arg0=42", null))
                .isEqualTo(new RuleParser(getClass().getClassLoader()).parse("target=a.B#c latency=1ms thread=worker-* arg0=42").scope());
        assertThat(RuleParser.parseScope("sql.table=orders", Presets.named("jdbc"))).hasToString("sql.table=orders");
        assertThatThrownBy(() -> RuleParser.parseScope("thread=worker-* every=2", null))
                .hasMessage("every: \"2\" is not a scope key (expected " + Scope.KEYS + ")");
        assertThatThrownBy(() -> RuleParser.parseScope("sql.table=orders", null))
                .hasMessage("sql.table: \"orders\" is a key of preset jdbc (expected preset=jdbc instead of a target)");
    }

    @Test
    void theBuilderChecksAsTheLanguageDoes() {
        Rule built = Rule.builder().name("n").target("a.B#c").fault(new CpuFault(5_000_000)).probability(0.5).every(2).limit(3).build();
        assertThat(built.toSpec()).isEqualTo("name=n target=a.B#c cpu=5ms probability=0.5 every=2 limit=3");
        assertThatThrownBy(() -> Rule.builder().probability(2)).hasMessage("probability: \"2.0\" is not a probability (expected a number from 0 to 1, like 0.3)");
        assertThatThrownBy(() -> Rule.builder().target("a.B#c").build()).hasMessageContaining("has no fault");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "target=a.B#c latency=fast | latency: \"fast\" is not a duration (expected like 250ms, 2s, 100ms..1s)",
            "target=a.B#c latency=2s..1s | latency: \"2s..1s\" is an empty range (expected the lower bound first, like 100ms..1s)",
            "target=a.B#c latncy=800ms | latncy: \"800ms\" is not a known key (did you mean latency? expected one of name, target, preset, latency, exception, message, returns, cpu, memory, threads, kill, at, probability, every, after, limit, ttl, enabled, async, or a scope key: thread, arg0..arg9, caller, baggage.KEY, mdc.KEY)",
            "target=a.B#c | rule: \"a.B#c\" has no fault (expected exactly one of latency, exception, returns, cpu, memory, threads, kill)",
            "target=a.B#c latency=1ms cpu=1ms | rule: \"a.B#c\" has faults latency and cpu (expected exactly one of latency, exception, returns, cpu, memory, threads, kill)",
            "latency=1ms | target: (missing) is required (expected CLASS#METHOD, like com.acme.*Client#fetch*)",
            "target=a.B#c exception=com.nope.Missing | exception: \"com.nope.Missing\" cannot be loaded (expected a Throwable class on the application's class path, like java.io.IOException)",
            "target=a.B#c exception=java.lang.String | exception: \"java.lang.String\" is not a concrete Throwable class (expected like java.io.IOException)",
            "target=a.B#c exception=dev.chaosagent.rule.RuleParserTest$NoConstructor | exception: \"dev.chaosagent.rule.RuleParserTest$NoConstructor\" has neither a public (String) nor a public no-arg constructor (expected an exception chaos-agent can build)",
            "target=a.B#c latency=1ms message=x | message: \"x\" goes only with exception (expected exception=TYPE message=\"...\")",
            "target=a.B#c returns=abc | returns: \"abc\" is not a value (expected null, true, false, a number or a quoted string)",
            "target=a.B#c memory=1TB | memory: \"1TB\" is not a size (expected like 512KB, 1MB, 1GB)",
            "target=a.B#c memory=0MB | memory: \"0MB\" is zero (expected a size, like 1MB)",
            "target=a.B#c threads=0 | threads: \"0\" is not a whole number from 1 to 100000 (expected like 10)",
            "target=a.B#c kill=256 | kill: \"256\" is not a whole number from 0 to 255 (expected like 10)",
            "target=a.B#c cpu=1ms at=exit | at: \"exit\" cannot be used with cpu (expected at=entry; only latency, exception and returns act at exit)",
            "target=a.B#c latency=1ms at=middle | at: \"middle\" is not a place (expected entry or exit)",
            "target=a.B#c latency=1ms probability=1.5 | probability: \"1.5\" is not a probability (expected a number from 0 to 1, like 0.3)",
            "target=a.B#c latency=1ms probability=NaN | probability: \"NaN\" is not a probability (expected a number from 0 to 1, like 0.3)",
            "target=a.B#c latency=1ms every=0 | every: \"0\" is not a whole number 1 or more (expected like 10)",
            "target=a.B#c latency=1ms after=-1 | after: \"-1\" is not a whole number 0 or more (expected like 10)",
            "target=a.B#c latency=1ms limit=x | limit: \"x\" is not a whole number 1 or more (expected like 10)",
            "target=a.B#c latency=1ms ttl=0s | ttl: \"0s\" is not positive (expected like 10m)",
            "target=a.B#c latency=1ms ttl=10 | ttl: \"10\" is not a duration (expected like 250us, 500ms, 2s, 1m, 1h)",
            "target=a.B#c latency=1ms enabled=yes | enabled: \"yes\" is not a boolean (expected true or false)",
            "target=a.B#c latency=1ms name=a/b | name: \"a/b\" is not a valid name (expected letters, digits, '.', '_' or '-')",
            "target=a.B#c latency=1ms latency=2ms | latency: \"2ms\" is given twice (expected each key once)",
            "target=a.B#c latency | latency: \"latency\" is not a key=value pair (expected like latency=800ms)",
            "target=a.B#c exception=java.io.IOException message=\"open | message: \"open\" has no closing quote (expected key=\"a value\")",
            "target=a.B#c returns=\"a\"b | returns: \"a\" is followed by text after its closing quote (expected a space between pairs)",
            "' ' | rule: \" \" is empty (expected key=value pairs, like target=com.acme.Client#fetch latency=800ms)"})
    void everyMistakeGetsOneMessageNamingKeyValueAndExpectation(String spec, String message) {
        assertThatThrownBy(() -> parser.parse(spec)).isInstanceOf(InvalidRuleException.class).hasMessage(message);
    }

    @Test
    void aYamlRuleWithANestedValueIsRefused() {
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("target", "a.B#c");
        yaml.put("latency", Map.of("min", "1ms"));
        assertThatThrownBy(() -> parser.parse(yaml)).hasMessage("latency: \"{min=1ms}\" is not a single value (expected a scalar, like 800ms)");
    }

    /** An exception type chaos-agent cannot build. */
    public static class NoConstructor extends RuntimeException {
        public NoConstructor(int code) {
            super("code " + code);
        }
    }
}
