package dev.chaosagent.engine;

import static dev.chaosagent.testing.WovenCall.call;
import static dev.chaosagent.engine.WovenMethods.method;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chaosagent.engine.spi.OpenCall;
import dev.chaosagent.engine.spi.SiteTable;
import dev.chaosagent.engine.spi.WovenMethod;
import dev.chaosagent.fault.Fault;
import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.rule.RuleParser;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class ChaosEngineTest {

    private final RuleParser parser = new RuleParser(getClass().getClassLoader());
    private final ChaosEngine engine = ChaosEngine.create();
    private final List<ChaosEvent> events = new CopyOnWriteArrayList<>();

    {
        engine.addListener(events::add);
    }

    private String add(String spec) {
        return engine.add(parser.parse(spec));
    }

    private List<String> eventLog() {
        return events.stream().map(e -> e.type().key() + " " + e.rule()).toList();
    }

    @Test
    void aRuleActsOnlyOnTheMethodsItsTargetMatches() throws Throwable {
        int fetch = SiteTable.of(engine).register(method("com.acme.CatalogClient", "fetch", "java.lang.String", "java.io.IOException"));
        int other = SiteTable.of(engine).register(method("com.acme.CatalogClient", "close", "void"));
        add("name=boom target=com.acme.*Client#fetch exception=java.io.IOException message=\"chaos: reset\"");

        Throwable thrown = catchThrowable(() -> call(engine, fetch));
        assertThat(thrown).isInstanceOf(IOException.class).hasMessage("chaos: reset");
        assertThat(call(engine, other)).isNull();
        assertThat(engine.calls("boom")).isEqualTo(1);
        assertThat(engine.injections("boom")).isEqualTo(1);
        assertThat(engine.matchedSites("boom")).isEqualTo(1);
    }

    @Test
    void aSiteRegisteredLaterIsBoundToTheRulesAlreadyThere() throws Throwable {
        add("name=r target=com.acme.Late#run returns=7");
        int site = SiteTable.of(engine).register(method("com.acme.Late", "run", "int"));
        assertThat(call(engine, site)).isEqualTo(7);
        assertThat(SiteTable.of(engine).register(method("com.acme.Late", "run", "int"))).as("the same method, the same id").isEqualTo(site);
    }

    @Test
    void subtypesMatchWithPlus() throws Throwable {
        int site = SiteTable.of(engine).register(WovenMethods.subtype("org.h2.jdbc.JdbcStatement", "executeQuery", Set.of("java.sql.Statement")));
        add("name=jdbc target=java.sql.Statement+#execute* returns=null");
        assertThat(call(engine, site)).isSameAs(Fault.NULL_RESULT);
    }

    @Test
    void returnsIsConvertedPerMethodAndRefusedWhereItDoesNotFit() throws Throwable {
        int count = SiteTable.of(engine).register(method("a.Repo", "count", "long"));
        int name = SiteTable.of(engine).register(method("a.Repo", "countName", "java.lang.String"));
        add("name=r target=a.Repo#count* returns=3");

        assertThat(call(engine, count)).isEqualTo(3L);
        assertThat(call(engine, name)).isNull();
        assertThat(events).filteredOn(e -> e.type() == ChaosEvent.Type.REFUSED).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("a.Repo#countName()", "returns java.lang.String"));
    }

    @Test
    void aCheckedExceptionIsRefusedWhereItIsNotDeclared() throws Throwable {
        int declares = SiteTable.of(engine).register(method("a.Repo", "save", "void", "java.sql.SQLException"));
        int declaresSuper = SiteTable.of(engine).register(method("a.Repo", "saveAll", "void", "java.lang.Exception"));
        int silent = SiteTable.of(engine).register(method("a.Repo", "saveQuietly", "void"));
        add("name=db target=a.Repo#save* exception=java.sql.SQLTransientConnectionException");

        assertThat(catchThrowable(() -> call(engine, declares))).isInstanceOf(SQLException.class);
        assertThat(catchThrowable(() -> call(engine, declaresSuper))).isInstanceOf(SQLException.class);
        assertThat(call(engine, silent)).isNull();
        assertThat(events).filteredOn(e -> e.type() == ChaosEvent.Type.REFUSED).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("a.Repo#saveQuietly()", "does not declare"));
        assertThat(engine.matchedSites("db")).isEqualTo(2);
    }

    @Test
    void exitRulesActAtExitOnly() throws Throwable {
        int site = SiteTable.of(engine).register(method("a.Repo", "commit", "boolean"));
        add("name=lie target=a.Repo#commit returns=false at=exit");
        Object entered = SiteTable.of(engine).enter(site);
        assertThat(entered).as("the body runs").isInstanceOf(ThreadCalls.class);
        assertThat(SiteTable.of(engine).exit(entered, true)).isEqualTo(false);
    }

    @Test
    void severalRulesOnOneMethodApplyInOrderAndTheFirstThatReturnsEndsTheCall() throws Throwable {
        int site = SiteTable.of(engine).register(method("a.B", "c", "java.lang.String"));
        add("name=first target=a.B#c latency=0ms");
        add("name=second target=a.B#c returns=\"second\"");
        add("name=third target=a.B#c returns=\"third\"");
        assertThat(call(engine, site)).isEqualTo("second");
        assertThat(engine.calls("first")).isEqualTo(1);
        assertThat(engine.calls("third")).isZero();
    }

    @Test
    void addingUnderAUsedNameReplacesAndRestartsTheCounters() throws Throwable {
        int site = SiteTable.of(engine).register(method("a.B", "c", "int"));
        add("name=r target=a.B#c returns=1");
        call(engine, site);
        add("name=r target=a.B#c returns=2");
        assertThat(engine.calls("r")).isZero();
        assertThat(call(engine, site)).isEqualTo(2);
        assertThat(eventLog()).containsExactly("added r", "replaced r");
    }

    @Test
    void unnamedRulesAreNamedInOrder() {
        assertThat(add("target=a.B#c latency=1ms")).isEqualTo("rule-1");
        add("name=rule-2 target=a.B#c latency=1ms");
        assertThat(add("target=a.B#c latency=1ms")).isEqualTo("rule-3");
    }

    @Test
    void disableEnableRemoveAndTheMasterSwitch() throws Throwable {
        int site = SiteTable.of(engine).register(method("a.B", "c", "int"));
        add("name=r target=a.B#c returns=1");

        assertThat(engine.disable("r")).isTrue();
        assertThat(call(engine, site)).isNull();
        assertThat(engine.calls("r")).as("a disabled rule counts no calls").isZero();
        assertThat(engine.enable("r")).isTrue();
        assertThat(call(engine, site)).isEqualTo(1);

        engine.setEnabled(false);
        assertThat(call(engine, site)).isNull();
        engine.setEnabled(true);

        assertThat(engine.remove("r")).isTrue();
        assertThat(call(engine, site)).isNull();
        assertThat(engine.remove("r")).isFalse();
        assertThat(engine.enable("r")).isFalse();
        assertThat(engine.disable("nope")).isFalse();
        assertThat(eventLog()).containsExactly("added r", "disabled r", "enabled r", "disabled null", "enabled null", "removed r");
        assertThatThrownBy(() -> engine.calls("r")).hasMessage("no rule named \"r\" (rules: none)");
    }

    @Test
    void theArmedFlagTellsWhetherAnyRuleCanAct() throws Throwable {
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        SiteTable.of(engine).addArmedListener(seen::add);
        int site = SiteTable.of(engine).register(method("a.B", "c", "int"));
        add("name=r target=a.B#c returns=1 limit=1");
        engine.disable("r");
        engine.enable("r");
        engine.setEnabled(false);
        engine.setEnabled(true);
        call(engine, site);
        assertThat(seen).as("exhausting the only rule disarms").containsExactly(false, true, false, true, false, true, false);
        assertThat(engine.isArmed()).isFalse();
    }

    @Test
    void aDisabledRuleIsUnboundButStillCountsAsMatchingItsMethods() throws Throwable {
        SiteTable.of(engine).register(method("a.B", "c", "int"));
        add("name=r target=a.B#c returns=1 enabled=false");
        assertThat(engine.isArmed()).isFalse();
        assertThat(engine.matchedSites("r")).isEqualTo(1);
    }

    @Test
    void theKillSwitchRemovesEveryRule() throws Throwable {
        int site = SiteTable.of(engine).register(method("a.B", "c", "int"));
        add("name=a target=a.B#c returns=1");
        add("name=b target=a.B#* latency=1ms");
        assertThat(call(engine, site)).isEqualTo(1);
        engine.stopAll();
        assertThat(engine.ruleNames()).isEmpty();
        assertThat(call(engine, site)).isNull();
        assertThat(events.get(events.size() - 1).type()).isEqualTo(ChaosEvent.Type.STOPPED);
        assertThat(events.get(events.size() - 1).message()).isEqualTo("kill switch: 2 rules removed, 1 injection in all");
    }

    @Test
    void aRuleExpiresAfterItsTtl() {
        add("name=short target=a.B#c latency=1ms ttl=200ms");
        add("name=long target=a.B#c latency=1ms ttl=1h");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !engine.ruleNames().contains("short"));
        assertThat(engine.ruleNames()).containsExactly("long");
        assertThat(eventLog()).contains("expired short");
    }

    @Test
    void runtimeRulesGetADefaultTtlWhenTheyHaveNone() {
        Rule rule = parser.parse("target=a.B#c latency=1ms").withDefaultTtl(Duration.ofMinutes(30));
        assertThat(rule.toSpec()).endsWith("ttl=30m");
        Rule own = parser.parse("target=a.B#c latency=1ms ttl=5m").withDefaultTtl(Duration.ofMinutes(30));
        assertThat(own.toSpec()).endsWith("ttl=5m");
    }

    @Test
    void destructiveFaultsNeedPermissionAndARefusalChangesNothing() {
        add("name=keep target=a.B#c latency=1ms");
        assertThatThrownBy(() -> add("name=keep target=a.B#c kill=137"))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessage("kill: \"137\" is a destructive fault (expected the agent option allowDestructive=true at start-up)");
        assertThat(engine.rules()).singleElement().satisfies(r -> assertThat(r.fault().key()).isEqualTo("latency"));
        assertThat(eventLog()).containsExactly("added keep", "refused keep");

        ChaosEngine permissive = ChaosEngine.builder().allowDestructive(true).build();
        assertThat(permissive.add(parser.parse("name=k target=a.B#c kill=137"))).isEqualTo("k");
    }

    @Test
    void applyRulesKeepsUnchangedRulesReplacesChangedOnesAndRemovesMissingOnes() throws Throwable {
        int site = SiteTable.of(engine).register(method("a.B", "c", "int"));
        engine.applyRules(List.of(parser.parse("name=same target=a.B#c latency=0ms"),
                parser.parse("name=changed target=a.B#c latency=0ms"),
                parser.parse("name=gone target=a.B#c latency=0ms")));
        call(engine, site);
        events.clear();

        engine.applyRules(List.of(parser.parse("name=same target=a.B#c latency=0ms"),
                parser.parse("name=changed target=a.B#c latency=1ms"),
                parser.parse("name=new target=a.B#c latency=0ms")));

        assertThat(engine.ruleNames()).containsExactly("same", "changed", "new");
        assertThat(engine.calls("same")).isEqualTo(1);
        assertThat(engine.calls("changed")).isZero();
        assertThat(eventLog()).containsExactly("removed gone", "replaced changed", "added new");
    }

    @Test
    void aPlanReloadLeavesRulesAddedByOtherDoorsAlone() {
        engine.applyRules(List.of(parser.parse("name=plan target=a.B#c latency=0ms")));
        add("name=gameday target=a.B#c latency=0ms");
        engine.applyRules(List.of());
        assertThat(engine.ruleNames()).containsExactly("gameday");
    }

    @Test
    void applyRulesRefusesAWholeSetWithABadRule() {
        add("name=keep target=a.B#c latency=1ms");
        assertThatThrownBy(() -> engine.applyRules(List.of(parser.parse("name=x target=a.B#c latency=1ms"),
                parser.parse("name=y target=a.B#c kill=1")))).isInstanceOf(InvalidRuleException.class);
        assertThat(engine.ruleNames()).containsExactly("keep");
    }

    @Test
    void aFaultThatFailsIsSkippedAndCountedNotThrown() throws Throwable {
        int site = SiteTable.of(engine).register(method("a.B", "c", "void"));
        add("name=bad target=a.B#c exception=dev.chaosagent.engine.ChaosEngineTest$ExplodingException");
        assertThat(call(engine, site)).isNull();
        assertThat(call(engine, site)).isNull();
        assertThat(engine.failures()).isEqualTo(2);
    }

    @Test
    void describeShowsEveryRuleWithItsStateAndCounters() throws Throwable {
        int site = SiteTable.of(engine).register(method("a.B", "c", "void"));
        add("name=slow target=a.B#c latency=0ms ttl=10m");
        add("name=off target=a.B#c latency=0ms enabled=false");
        call(engine, site);
        String table = engine.describe();
        assertThat(table).startsWith("chaos-agent: master switch on, 2 rules, 1 injection in all\n");
        List<String> lines = new ArrayList<>(table.lines().toList());
        assertThat(lines.get(1)).startsWith("NAME").contains("STATE", "CALLS", "INJECTIONS", "TTL LEFT", "RULE");
        assertThat(lines.get(2)).matches("slow +armed +1 +1 +(9m 5\\ds|10m 0s) +name=slow target=a.B#c latency=0ms ttl=10m");
        assertThat(lines.get(3)).matches("off +disabled +0 +0 +- +name=off target=a.B#c latency=0ms enabled=false");
    }

    @Test
    void aCallNestedInACallOfTheSameRuleIsPartOfThatCall() throws Throwable {
        // A proxy or a subclass calling super: two matched methods, one logical call.
        int proxy = SiteTable.of(engine).register(WovenMethods.subtype("a.Service$$Proxy", "find", Set.of("a.Service")));
        int target = SiteTable.of(engine).register(WovenMethods.subtype("a.ServiceImpl", "find", Set.of("a.Service")));
        add("name=every2 target=a.Service+#find latency=0ms every=2");
        for (int i = 0; i < 10; i++) {
            call(engine, proxy, () -> call(engine, target));
        }
        assertThat(engine.calls("every2")).isEqualTo(10);
        assertThat(engine.injections("every2")).isEqualTo(5);
        call(engine, target);
        assertThat(engine.calls("every2")).as("the target called on its own is a call of its own").isEqualTo(11);
    }

    @Test
    void aRuleOnOneMethodCountsEachCallOfADirectRecursion() throws Throwable {
        // As Byteman and its peers count: a rule bound to one method needs no per-call frame.
        int walk = SiteTable.of(engine).register(method("a.Tree", "walk", "void"));
        add("name=every2 target=a.Tree#walk latency=0ms every=2");
        call(engine, walk, () -> call(engine, walk, () -> call(engine, walk)));
        assertThat(engine.calls("every2")).isEqualTo(3);
        assertThat(engine.injections("every2")).isEqualTo(1);
        assertThat(SiteTable.of(engine).enter(walk)).as("nothing left open for the exit").isNull();
    }

    @Test
    void aRuleOnSeveralMethodsCountsARecursionOnceAndARuleOnOneOfThemEachCall() throws Throwable {
        int walk = SiteTable.of(engine).register(method("a.Tree", "walk", "void"));
        SiteTable.of(engine).register(method("a.Tree", "visit", "void"));
        add("name=both target=a.Tree#* latency=0ms");
        add("name=walk target=a.Tree#walk latency=0ms");
        call(engine, walk, () -> call(engine, walk, () -> call(engine, walk)));
        assertThat(engine.calls("both")).as("one logical call").isEqualTo(1);
        assertThat(engine.calls("walk")).as("each call of its one method").isEqualTo(3);
    }

    @Test
    void aRuleThatComesToMatchASecondMethodCountsANestedCallOnce() throws Throwable {
        int proxy = SiteTable.of(engine).register(WovenMethods.subtype("a.Service$$Proxy", "find", Set.of("a.Service")));
        add("name=find target=a.Service+#find latency=0ms");
        call(engine, proxy);
        int target = SiteTable.of(engine).register(WovenMethods.subtype("a.ServiceImpl", "find", Set.of("a.Service")));
        call(engine, proxy, () -> call(engine, target));
        assertThat(engine.calls("find")).as("the proxy's call, then the proxy and the target it delegates to: one call").isEqualTo(2);
    }

    @Test
    void anotherRuleStillCountsANestedCall() throws Throwable {
        int outer = SiteTable.of(engine).register(method("a.Checkout", "submit", "void"));
        int inner = SiteTable.of(engine).register(method("a.Payments", "charge", "void"));
        add("name=both target=a.*#* latency=0ms");
        add("name=charge target=a.Payments#charge latency=0ms");
        call(engine, outer, () -> call(engine, inner));
        assertThat(engine.calls("both")).isEqualTo(1);
        assertThat(engine.calls("charge")).isEqualTo(1);
    }

    @Test
    void anExceptionInjectedAtEntryEndsTheLogicalCall() throws Throwable {
        int site = SiteTable.of(engine).register(method("a.B", "c", "void"));
        add("name=second target=a.B#c exception=java.lang.IllegalStateException every=2");
        call(engine, site);
        assertThat(catchThrowable(() -> call(engine, site))).isInstanceOf(IllegalStateException.class);
        call(engine, site);
        assertThat(engine.calls("second")).as("calls after the injected one are not nested in it").isEqualTo(3);
    }

    @Test
    void aBodyThatThrowsEndsTheLogicalCallAndSkipsExitRules() throws Throwable {
        int site = SiteTable.of(engine).register(method("a.Repo", "commit", "boolean"));
        add("name=lie target=a.Repo#commit returns=false at=exit");
        Throwable thrown = catchThrowable(() -> call(engine, site, () -> {
            throw new IOException("the body's own");
        }));
        assertThat(thrown).hasMessage("the body's own");
        assertThat(engine.calls("lie")).isZero();
        assertThat(call(engine, site)).isEqualTo(false);
        assertThat(engine.calls("lie")).isEqualTo(1);
    }

    @Test
    void aReturnAtEntryEndsTheLogicalCall() throws Throwable {
        int site = SiteTable.of(engine).register(method("a.B", "c", "int"));
        add("name=seven target=a.B#c returns=7");
        assertThat(call(engine, site)).isEqualTo(7);
        assertThat(call(engine, site)).isEqualTo(7);
        assertThat(engine.calls("seven")).isEqualTo(2);
    }

    @Test
    void aCallOutOfScopeIsNotEligibleAndTheTriggersNeverSeeIt() throws Throwable {
        int site = SiteTable.of(engine).register(method("a.B", "c", "void"));
        add("name=workers target=a.B#c latency=0ms every=2 thread=worker-*");
        Thread.currentThread().setName("main-test");
        call(engine, site);
        call(engine, site);
        assertThat(engine.calls("workers")).isZero();
        String[] outcome = new String[2];
        Thread worker = new Thread(() -> {
            try {
                call(engine, site);
                call(engine, site);
                outcome[0] = engine.calls("workers") + "/" + engine.injections("workers");
            } catch (Throwable e) {
                outcome[0] = e.toString();
            }
        }, "worker-1");
        worker.start();
        worker.join();
        assertThat(outcome[0]).isEqualTo("2/1");
    }

    @Test
    void argumentsPassedByTheWovenCodeAreMatchedAsText() throws Throwable {
        int site = SiteTable.of(engine).register(new WovenMethod("a.Albums", "find", List.of("long", "java.lang.String", "double"), "void",
                List.of(), Set.of(), false, List.of(0, 1, 2)));
        add("name=album42 target=a.Albums#find exception=java.lang.IllegalStateException arg0=42 arg1=EU-* arg2=1.5");
        assertThat(callWith(site, 41, "EU-DE", 1.5)).isNull();
        assertThat(callWith(site, 42, "US-CA", 1.5)).isNull();
        assertThat(callWith(site, 42, null, 1.5)).isNull();
        assertThat(catchThrowable(() -> callWith(site, 42, "EU-DE", 1.5))).isInstanceOf(IllegalStateException.class);
        assertThat(engine.calls("album42")).isEqualTo(1);
    }

    @Test
    void anArgumentTheMethodDoesNotHaveRefusesTheRuleForThatMethodOnly() throws Throwable {
        int none = SiteTable.of(engine).register(method("a.Albums", "count", "int"));
        int one = SiteTable.of(engine).register(new WovenMethod("a.Albums", "find", List.of("int"), "void", List.of(), Set.of(), false, List.of(0)));
        add("name=first-arg target=a.Albums#* latency=0ms arg0=7");
        assertThat(eventLog()).contains("refused first-arg");
        assertThat(events.stream().filter(e -> e.type() == ChaosEvent.Type.REFUSED).findFirst().orElseThrow().message())
                .isEqualTo("rule first-arg does not apply to a.Albums#count(): arg0 names a parameter that a.Albums#count() does not have (it has 0)");
        call(engine, none);
        callWith(one, 7, null, 0);
        assertThat(engine.calls("first-arg")).isEqualTo(1);
    }

    private Object callWith(int site, long number, String text, double real) throws Throwable {
        Object entered = SiteTable.of(engine).enter(site, number, null, 0, text, Double.doubleToRawLongBits(real), null);
        return entered instanceof OpenCall ? SiteTable.of(engine).exit(entered, true) : entered;
    }

    /** An exception whose constructor fails: a broken fault, not an injected one. */
    public static class ExplodingException extends RuntimeException {
        public ExplodingException(String message) {
            throw new IllegalStateException("constructor failure");
        }
    }
}
