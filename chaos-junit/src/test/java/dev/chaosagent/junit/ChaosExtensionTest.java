package dev.chaosagent.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.example.catalog.CatalogBackend;
import dev.chaosagent.agent.AgentRuntime;
import dev.chaosagent.engine.ChaosEngine;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The extension's lifecycle, run through the JUnit Platform's TestKit on fixture classes (the
 * static nested classes below, which the build does not run on their own).
 */
class ChaosExtensionTest {

    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    static ChaosEngine engine() {
        return AgentRuntime.current().engine();
    }

    @BeforeEach
    void clear() {
        SEEN.clear();
    }

    private static Events run(Class<?> fixture, String... configuration) {
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture));
        for (int i = 0; i + 1 < configuration.length; i += 2) {
            kit.configurationParameter(configuration[i], configuration[i + 1]);
        }
        return kit.execute().testEvents();
    }

    @Test
    void aScopeOnTheTypedAnnotationNarrowsItsRule() {
        run(ScopedToAThread.class).assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(SEEN).containsExactly("test thread album-1", "worker java.io.IOException: injected by chaos-agent", "calls 1");
    }

    @Test
    void methodRulesLiveForTheirTestClassRulesForTheClassAndAllAreGoneAfterwards() {
        run(ClassAndMethodRules.class).assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));

        assertThat(SEEN).containsExactly(
                "aFailingTest [class-rule, failing-rule]",
                "bMethodRule [class-rule, method-rule]",
                "cNoRuleOfItsOwn [class-rule]");
        assertThat(engine().ruleNames()).as("nothing outlives the class").isEmpty();
    }

    /**
     * JUnit closes the {@code AutoCloseable} values of its store from 5.13 on (unless told not to),
     * and before that only its own {@code CloseableResource}: either way, a test's rules must be gone.
     */
    @ParameterizedTest(name = "junit.jupiter.extensions.store.close.autocloseable.enabled={0}")
    @ValueSource(booleans = {true, false})
    void theNextTestFindsNoneOfThePreviousTestsRules(boolean closeAutoCloseables) {
        run(Neighbours.class, "junit.jupiter.extensions.store.close.autocloseable.enabled", Boolean.toString(closeAutoCloseables))
                .assertStatistics(stats -> stats.started(3).succeeded(3));

        assertThat(SEEN).containsExactly(
                "aAnnotated java.io.IOException: injected by chaos-agent",
                "bControlled album-1",
                "bControlled stale",
                "cAlone album-1 []");
        assertThat(engine().ruleNames()).isEmpty();
    }

    @Test
    void aFailingTestSaysWhichSeedReplaysIt() {
        Events events = run(SeededFailure.class);
        events.assertThatEvents().haveExactly(1, event(test("fails"), finishedWithFailure(message("on purpose"))));
        Throwable failure = events.failed().list().get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .orElseThrow().getThrowable().orElseThrow();
        assertThat(failure.getSuppressed()).singleElement()
                .satisfies(note -> assertThat(note).hasMessage("chaos seed 7: replay this test's faults with @ChaosSeed(7L)"));
    }

    @Test
    void misconfigurationFailsTheTestWithTheRuleLanguagesMessage() {
        Events events = run(Misconfigured.class);
        events.assertStatistics(stats -> stats.started(10).failed(10));
        events.assertThatEvents()
                .haveExactly(1, event(test("badSpec"), finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message("latency: \"fast\" is not a duration (expected like 250ms, 2s, 100ms..1s)"))))
                .haveExactly(1, event(test("checkedExceptionNotDeclared"), finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message("exception: \"java.sql.SQLException\" is a checked exception that no method matching"
                                + " com.example.catalog.CatalogBackend#fetchAlbum declares (expected an unchecked exception, or one the method throws)"))))
                .haveExactly(1, event(test("noSuchClass"), finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message("target: \"com.example.catalog.Missing#fetch\" matches nothing: there is no class com.example.catalog.Missing"
                                + " on the test class path (expected CLASS#METHOD naming code the test calls)"))))
                .haveExactly(1, event(test("noSuchMethod"), finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message("target: \"com.example.catalog.CatalogBackend#delete\" matches nothing: com.example.catalog.CatalogBackend"
                                + " has no method that matches (expected CLASS#METHOD naming code the test calls)"))))
                .haveExactly(1, misconfigured("badLatency", "latency: \"fast\" is not a duration (expected like 250ms, 2s, 100ms..1s)"))
                .haveExactly(1, misconfigured("badProbability",
                        "probability: \"1.5\" is not a probability (expected a number from 0 to 1, like 0.3)"))
                .haveExactly(1, misconfigured("badEvery", "every: \"-1\" is not a whole number 1 or more (expected like 10)"))
                .haveExactly(1, misconfigured("targetAndPreset",
                        "preset: \"jdbc\" cannot be used with target (expected either target=CLASS#METHOD or preset=NAME)"))
                .haveExactly(1, misconfigured("noSuchPreset", "preset: \"jbdc\" is not a preset (expected one of jdbc, "))
                .haveExactly(1, misconfigured("notAScopeKey", "sql.tabel: \"orders\" is not a key of preset jdbc (expected one of "));
        assertThat(engine().ruleNames()).isEmpty();
    }

    /** A test that failed with the rule language's message for a typed annotation's bad value (the start: some go on listing). */
    private static Condition<Event> misconfigured(String test, String messageStart) {
        return event(test(test), finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                message(actual -> actual.startsWith(messageStart))));
    }

    @Test
    void chaosTestClassesNeverOverlapEvenWhenJUnitRunsClassesInParallel() {
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(ParallelOne.class), selectClass(ParallelTwo.class))
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                .execute().testEvents().assertStatistics(stats -> stats.started(4).succeeded(4));

        List<long[]> intervals = new ArrayList<>();
        for (String line : SEEN) {
            String[] parts = line.split(" ");
            intervals.add(new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
        }
        assertThat(intervals).hasSize(4);
        intervals.sort((a, b) -> Long.compare(a[0], b[0]));
        for (int i = 1; i < intervals.size(); i++) {
            assertThat(intervals.get(i)[0]).as("test %d starts after test %d ended", i, i - 1).isGreaterThanOrEqualTo(intervals.get(i - 1)[1]);
        }
    }

    // ---------------------------------------------------------------- fixtures

    @EnableChaos
    @ChaosRule("name=class-rule target=com.example.catalog.CatalogBackend#fetchAlbum latency=0ms")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class ClassAndMethodRules {

        @Test
        @ChaosRule("name=failing-rule target=com.example.catalog.CatalogBackend#fetchAlbum latency=0ms")
        void aFailingTest() {
            SEEN.add("aFailingTest " + engine().ruleNames());
            throw new AssertionError("on purpose");
        }

        @Test
        @InjectLatency(name = "method-rule", target = "com.example.catalog.CatalogBackend#fetchAlbum", value = "0ms")
        void bMethodRule() {
            SEEN.add("bMethodRule " + engine().ruleNames());
        }

        @Test
        void cNoRuleOfItsOwn() {
            SEEN.add("cNoRuleOfItsOwn " + engine().ruleNames());
        }
    }

    /** Three tests in a row, each noting what the backend answers it. */
    @EnableChaos
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class Neighbours {

        @Test
        @InjectException(name = "from-annotation", target = "com.example.catalog.CatalogBackend#fetchAlbum", type = IOException.class)
        void aAnnotated() {
            SEEN.add("aAnnotated " + fetch());
        }

        @Test
        void bControlled(ChaosControl chaos) {
            SEEN.add("bControlled " + fetch());
            chaos.add("name=from-control target=com.example.catalog.CatalogBackend#fetchAlbum returns=\"stale\"");
            SEEN.add("bControlled " + fetch());
        }

        @Test
        void cAlone() {
            SEEN.add("cAlone " + fetch() + " " + engine().ruleNames());
        }

        static String fetch() {
            try {
                return new CatalogBackend().fetchAlbum("1");
            } catch (IOException e) {
                return e.toString();
            }
        }
    }

    @EnableChaos
    static class ScopedToAThread {

        @Test
        @InjectException(name = "workers-only", target = "com.example.catalog.CatalogBackend#fetchAlbum", type = IOException.class,
                scope = "thread=catalog-worker-*")
        void onlyTheWorkerFails() throws Exception {
            SEEN.add("test thread " + Neighbours.fetch());
            Thread worker = new Thread(() -> SEEN.add("worker " + Neighbours.fetch()), "catalog-worker-1");
            worker.start();
            worker.join();
            SEEN.add("calls " + engine().calls("workers-only"));
        }
    }

    @EnableChaos
    static class SeededFailure {
        @Test
        @ChaosSeed(7)
        @InjectException(target = "com.example.catalog.CatalogBackend#fetchAlbum", type = IOException.class, probability = 0.5)
        void fails() {
            throw new AssertionError("on purpose");
        }
    }

    @EnableChaos
    static class Misconfigured {
        @Test
        @ChaosRule("target=com.example.catalog.CatalogBackend#fetchAlbum latency=fast")
        void badSpec() {
        }

        @Test
        @InjectException(target = "com.example.catalog.CatalogBackend#fetchAlbum", type = SQLException.class)
        void checkedExceptionNotDeclared() {
        }

        @Test
        @InjectLatency(target = "com.example.catalog.Missing#fetch", value = "1ms")
        void noSuchClass() {
        }

        @Test
        @InjectLatency(target = "com.example.catalog.CatalogBackend#delete", value = "1ms")
        void noSuchMethod() {
        }

        @Test
        @InjectLatency(target = "com.example.catalog.CatalogBackend#fetchAlbum", value = "fast")
        void badLatency() {
        }

        @Test
        @InjectException(target = "com.example.catalog.CatalogBackend#fetchAlbum", type = IllegalStateException.class, probability = 1.5)
        void badProbability() {
        }

        @Test
        @InjectLatency(target = "com.example.catalog.CatalogBackend#fetchAlbum", value = "1ms", every = -1)
        void badEvery() {
        }

        @Test
        @InjectLatency(target = "com.example.catalog.CatalogBackend#fetchAlbum", preset = "jdbc", value = "1ms")
        void targetAndPreset() {
        }

        @Test
        @InjectLatency(preset = "jbdc", value = "1ms")
        void noSuchPreset() {
        }

        @Test
        @InjectLatency(preset = "jdbc", scope = "sql.tabel=orders", value = "1ms")
        void notAScopeKey() {
        }
    }

    /** Each test takes at least 100 ms, through the latency its own rule injects. */
    abstract static class ParallelFixture {
        @Test
        @InjectLatency(target = "com.example.catalog.CatalogBackend#fetchAlbum", value = "100ms")
        void one() throws Exception {
            timed();
        }

        @Test
        @InjectLatency(target = "com.example.catalog.CatalogBackend#fetchAlbum", value = "100ms")
        void two() throws Exception {
            timed();
        }

        private void timed() throws Exception {
            long start = System.nanoTime();
            new CatalogBackend().fetchAlbum("1");
            SEEN.add(getClass().getSimpleName() + " " + start + " " + System.nanoTime());
        }
    }

    @EnableChaos
    static class ParallelOne extends ParallelFixture {
    }

    @EnableChaos
    static class ParallelTwo extends ParallelFixture {
    }
}
