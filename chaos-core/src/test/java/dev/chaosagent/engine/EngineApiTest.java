package dev.chaosagent.engine;

import static dev.chaosagent.engine.WovenMethods.method;
import static dev.chaosagent.testing.WovenCall.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chaosagent.engine.spi.SiteTable;
import dev.chaosagent.fault.Faults;
import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.rule.RuleParser;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The engine in code: the one-line form, typed faults, rule handles. */
class EngineApiTest {

    private final ChaosEngine engine = ChaosEngine.create();
    private final List<ChaosEvent> events = new CopyOnWriteArrayList<>();

    {
        engine.addListener(events::add);
    }

    private List<String> eventLog() {
        return events.stream().map(e -> e.type().key() + " " + e.rule()).toList();
    }

    @Test
    void addTakesTheOneLineForm() throws Throwable {
        int site = SiteTable.of(engine).register(method("a.Repo", "count", "int"));
        assertThat(engine.add("name=seven target=a.Repo#count returns=7 every=2")).isEqualTo("seven");
        assertThat(call(engine, site)).isNull();
        assertThat(call(engine, site)).isEqualTo(7);
        assertThat(engine.injections("seven")).isEqualTo(1);
    }

    @Test
    void aBadLineIsRefusedWithTheRuleLanguagesMessageAndChangesNothing() {
        engine.add("name=keep target=a.B#c latency=1ms");
        assertThatThrownBy(() -> engine.add("name=keep target=a.B#c latency=fast"))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessage("latency: \"fast\" is not a duration (expected like 250ms, 2s, 100ms..1s)");
        assertThat(engine.rules()).singleElement().satisfies(r -> assertThat(r.toSpec()).isEqualTo("name=keep target=a.B#c latency=1ms"));
        assertThat(eventLog()).containsExactly("added keep", "refused null");
        assertThat(events.get(1).message()).startsWith("rule refused: latency: \"fast\"");
    }

    @Test
    void exceptionTypesComeFromTheCallingThreadsContextClassLoader() {
        String spec = "target=a.B#c exception=" + Injected.class.getName();
        Thread thread = Thread.currentThread();
        ClassLoader own = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            assertThatThrownBy(() -> engine.add(spec)).hasMessageContaining("cannot be loaded");
        } finally {
            thread.setContextClassLoader(own);
        }
        assertThat(engine.add(spec)).isEqualTo("rule-1");
    }

    @Test
    void aHandleCountsItsRuleAndClosingItRemovesTheRule() throws Throwable {
        int site = SiteTable.of(engine).register(method("a.Cache", "get", "java.lang.Object"));
        RuleHandle handle;
        try (RuleHandle stale = engine.activate(Rule.builder().target("a.Cache#get").fault(Faults.returns(null)).every(3).build())) {
            handle = stale;
            for (int i = 0; i < 6; i++) {
                call(engine, site);
            }
            assertThat(stale.name()).isEqualTo("rule-1");
            assertThat(stale.calls()).isEqualTo(6);
            assertThat(stale.injections()).isEqualTo(2);
        }
        assertThat(engine.ruleNames()).isEmpty();
        assertThat(call(engine, site)).isNull();
        assertThat(handle.injections()).as("the counters outlive the rule").isEqualTo(2);
        assertThat(events.get(events.size() - 1).message()).isEqualTo("rule rule-1 removed (2 injections in 6 calls)");
        handle.close();
        assertThat(eventLog()).as("closing twice removes once").containsExactly("added rule-1", "removed rule-1");
    }

    @Test
    void closingAHandleLeavesTheRuleThatReplacedItAlone() throws Throwable {
        int site = SiteTable.of(engine).register(method("a.B", "c", "int"));
        RuleHandle first = engine.activate("name=r target=a.B#c returns=1");
        call(engine, site);
        engine.add("name=r target=a.B#c returns=2");
        first.close();
        assertThat(engine.ruleNames()).containsExactly("r");
        assertThat(call(engine, site)).isEqualTo(2);
        assertThat(first.calls()).isEqualTo(1);
        assertThat(engine.calls("r")).isEqualTo(1);
    }

    @Test
    void typedFaultsAreTheFaultsOfTheRuleLanguage() {
        RuleParser parser = new RuleParser(getClass().getClassLoader());
        List<Rule> typed = List.of(
                Rule.builder().name("a").target("a.B#c").fault(Faults.latency(Duration.ofMillis(200))).probability(0.3).build(),
                Rule.builder().name("b").target("a.B#c").fault(Faults.latency(Duration.ofMillis(200), Duration.ofSeconds(1))).build(),
                Rule.builder().name("c").target("a.B#c").fault(Faults.exception(SQLException.class, "chaos: reset")).build(),
                Rule.builder().name("d").target("a.B#c").fault(Faults.returns("cached")).build(),
                Rule.builder().name("e").target("a.B#c").fault(Faults.returns(2.5)).build(),
                Rule.builder().name("f").target("a.B#c").fault(Faults.cpu(Duration.ofMillis(50))).build(),
                Rule.builder().name("g").target("a.B#c").fault(Faults.memory(1 << 20)).build(),
                Rule.builder().name("h").target("a.B#c").fault(Faults.threads(2)).build(),
                Rule.builder().name("i").target("a.B#c").fault(Faults.kill(137)).build());
        assertThat(typed).extracting(Rule::toSpec).containsExactly(
                "name=a target=a.B#c latency=200ms probability=0.3",
                "name=b target=a.B#c latency=200ms..1s",
                "name=c target=a.B#c exception=java.sql.SQLException message=\"chaos: reset\"",
                "name=d target=a.B#c returns=\"cached\"",
                "name=e target=a.B#c returns=2.5",
                "name=f target=a.B#c cpu=50ms",
                "name=g target=a.B#c memory=1MB",
                "name=h target=a.B#c threads=2",
                "name=i target=a.B#c kill=137");
        assertThat(typed).as("equal to the parsed rules, so a plan reload keeps them")
                .allSatisfy(rule -> assertThat(parser.parse(rule.toSpec())).isEqualTo(rule));
    }

    @Test
    void typedFaultsActOnCalls() throws Throwable {
        int save = SiteTable.of(engine).register(method("a.Repo", "save", "void", "java.sql.SQLException"));
        int count = SiteTable.of(engine).register(method("a.Repo", "count", "long"));
        int name = SiteTable.of(engine).register(method("a.Repo", "name", "java.lang.String"));
        engine.add(Rule.builder().target("a.Repo#save").fault(Faults.exception(SQLException.class, "chaos: reset")).build());
        engine.add(Rule.builder().target("a.Repo#count").fault(Faults.returns(42)).build());
        engine.add(Rule.builder().target("a.Repo#name").fault(Faults.returns("chaos")).build());

        assertThat(catchThrowable(() -> call(engine, save))).isInstanceOf(SQLException.class).hasMessage("chaos: reset");
        assertThat(call(engine, count)).isEqualTo(42L);
        assertThat(call(engine, name)).isEqualTo("chaos");
        assertThat(engine.totalInjections()).isEqualTo(3);
    }

    @Test
    void aCheckedExceptionAMethodDoesNotDeclareIsRefusedThereAsInTheRuleLanguage() throws Throwable {
        int silent = SiteTable.of(engine).register(method("a.Repo", "saveQuietly", "void"));
        try (RuleHandle io = engine.activate(Rule.builder().target("a.Repo#save*").fault(Faults.exception(IOException.class)).build())) {
            assertThat(call(engine, silent)).isNull();
            assertThat(io.calls()).isZero();
        }
        assertThat(events).filteredOn(e -> e.type() == ChaosEvent.Type.REFUSED).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("a.Repo#saveQuietly()", "does not declare"));
    }

    @Test
    void badTypedValuesGetTheRuleLanguagesOneLineMessages() {
        assertThatThrownBy(() -> Faults.latency(Duration.ofNanos(1_500)))
                .hasMessage("latency: \"PT0.0000015S\" is not a whole number of microseconds, 0 or more (expected like Duration.ofMillis(200))");
        assertThatThrownBy(() -> Faults.latency(Duration.ofMillis(-1))).hasMessageStartingWith("latency: \"PT-0.001S\" is not a whole number");
        assertThatThrownBy(() -> Faults.latency(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("latency: \"2s..1s\" is an empty range (expected the lower bound first, like 100ms..1s)");
        assertThatThrownBy(() -> Faults.latency(Duration.ofDays(400))).hasMessage("latency: \"9600h\" is too long (expected at most a year)");
        assertThatThrownBy(() -> Faults.exception(Abstract.class))
                .hasMessage("exception: \"" + Abstract.class.getName() + "\" is not a concrete Throwable class (expected like java.io.IOException)");
        assertThatThrownBy(() -> Faults.returns(new Object())).isInstanceOf(InvalidRuleException.class)
                .hasMessageStartingWith("returns: \"java.lang.Object@").hasMessageEndingWith("\" is not a value (expected null, a Boolean, a finite Number or a String)");
        assertThatThrownBy(() -> Faults.returns(Double.NaN)).hasMessage("returns: \"NaN\" is not a value (expected null, a Boolean, a finite Number or a String)");
        assertThatThrownBy(() -> Faults.memory(0)).hasMessage("memory: \"0\" is not positive (expected a number of bytes, like 1 << 20)");
        assertThatThrownBy(() -> Faults.threads(0)).hasMessage("threads: \"0\" is not a whole number from 1 to 100000 (expected like 10)");
        assertThatThrownBy(() -> Faults.kill(256)).hasMessage("kill: \"256\" is not a whole number from 0 to 255 (expected like 10)");
    }

    @Test
    void aDestructiveTypedFaultIsRefusedLikeItsOneLineForm() {
        assertThatThrownBy(() -> engine.activate(Rule.builder().target("a.B#c").fault(Faults.kill(137)).build()))
                .hasMessage("kill: \"137\" is a destructive fault (expected the agent option allowDestructive=true at start-up)");
        assertThat(engine.ruleNames()).isEmpty();
    }

    public static class Injected extends RuntimeException {
        public Injected(String message) {
            super(message);
        }
    }

    public abstract static class Abstract extends RuntimeException {
    }
}
