package dev.chaosagent.engine;

import static dev.chaosagent.engine.WovenMethods.method;
import static dev.chaosagent.testing.WovenCall.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chaosagent.engine.spi.SiteTable;
import dev.chaosagent.fault.Faults;
import dev.chaosagent.rule.Rule;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** docs/engine.md, "Using the engine in code", line for line, with the calls the agent would weave. */
class ReadmeEngineExampleTest {

    @Test
    void theReadmeExampleRunsAsItSays() throws Throwable {
        // The page's lines, with the test's checks (assertThat) among them.
        ChaosEngine engine = ChaosEngine.builder().seed(42L).build();
        engine.addListener(event -> System.out.println(event.type().key() + ": " + event.message()));

        // The one-line form, as in a plan, over JMX or from the CLI
        engine.add("name=slow target=com.acme.Client#fetch latency=200ms..1s probability=0.5");

        // Typed: the rule builder and Faults
        engine.add(Rule.builder().name("db").target("com.acme.Repo#save*")
                .fault(Faults.exception(SQLException.class, "chaos: connection reset"))
                .limit(10).ttl(Duration.ofMinutes(5)).build());

        // A handle: closing it removes the rule; its counters stay readable
        try (RuleHandle stale = engine.activate(Rule.builder().target("com.acme.Cache#get")
                .fault(Faults.returns(null)).every(3).build())) {
            runTheScenario(engine);
            System.out.println(stale.injections() + " of " + stale.calls() + " cache reads missed");
            assertThat(stale.calls()).isEqualTo(6);
            assertThat(stale.injections()).isEqualTo(2);
            assertThat(engine.ruleNames()).containsExactly("slow", "db", "rule-1");
        }

        System.out.print(engine.describe());      // every rule, its state, counters and time left
        assertThat(engine.ruleNames()).containsExactly("slow", "db");
        assertThat(engine.injections("db")).isEqualTo(1);
        engine.stopAll();                         // the kill switch
        assertThat(engine.ruleNames()).isEmpty();
    }

    /** What the application does while the rules are on; the agent's woven code calls the engine like this. */
    private void runTheScenario(ChaosEngine engine) throws Throwable {
        int cacheGet = SiteTable.of(engine).register(method("com.acme.Cache", "get", "java.lang.Object"));
        int repoSave = SiteTable.of(engine).register(method("com.acme.Repo", "save", "void", "java.sql.SQLException"));
        for (int i = 0; i < 6; i++) {
            call(engine, cacheGet);
        }
        assertThat(catchThrowable(() -> call(engine, repoSave))).isInstanceOf(SQLException.class).hasMessage("chaos: connection reset");
    }
}
