package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.control.ControlDoor;
import dev.chaosagent.harness.ForkedJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up rules, read in the JVM's class-loading log: an idle agent, and an agent whose plan
 * (in the YAML that {@code PlainYaml} reads) arms nothing in this JVM, load none of what costs every
 * JVM milliseconds the first time (ARCHITECTURE.md, "Start-up rules", has the figures): Byte Buddy (the weaver
 * loads only with a rule), SnakeYAML, the JDK's security providers (the pod hash is SHA-256),
 * {@code DateTimeFormatter} (the journal writes its own times), SLF4J's search for a provider (the
 * agent's loggers come from {@code AgentLoggerFactory}), {@code ProcessHandle}'s process reaper
 * (the CLI's door learns the PID from {@code /proc/self}), a Unix domain socket (the CLI's door
 * opens its socket when the CLI first knocks), and no lambda of the agent's. And
 * premain spins no method handle, even for a plan whose rules arm this JVM: the agent's string
 * concatenation is compiled to plain calls ({@code -XDstringConcat=inline}) and its first rule's
 * path has no lambda.
 */
class StartupClassLoadingIT {

    private static final Map<String, Pattern> COSTLY = Map.of(
            "Byte Buddy", Pattern.compile("] dev\\.chaosagent\\.shaded\\.net\\.bytebuddy\\."),
            "the weaver", Pattern.compile("] dev\\.chaosagent\\.instrument\\.AdviceWeaver "),
            "SnakeYAML", Pattern.compile("] dev\\.chaosagent\\.shaded\\.org\\.yaml\\.snakeyaml\\."),
            "a security provider", Pattern.compile("] (sun\\.security\\.provider\\.|java\\.security\\.MessageDigest |java\\.security\\.Provider )"),
            "DateTimeFormatter", Pattern.compile("] java\\.time\\.format\\.DateTimeFormatter "),
            "SLF4J's provider discovery", Pattern.compile("] dev\\.chaosagent\\.shaded\\.org\\.slf4j\\.(LoggerFactory|helpers\\.SubstituteServiceProvider|helpers\\.NOP_FallbackServiceProvider|helpers\\.Reporter) "),
            "the JDK's process reaper (ProcessHandle.current())", Pattern.compile("] java\\.lang\\.ProcessHandleImpl "),
            "a Unix domain socket", Pattern.compile("] sun\\.nio\\.ch\\.UnixDomainSockets "),
            "a lambda of the agent's", Pattern.compile("] dev\\.chaosagent\\.\\S*\\$\\$Lambda"));

    /** A class the JVM spins for a method handle: a lambda's or a string concatenation's first call. */
    private static final Pattern SPUN_METHOD_HANDLE = Pattern.compile("] java\\.lang\\.invoke\\.LambdaForm\\$\\w+/\\S+ source: __JVM_LookupDefineClass__");

    @TempDir
    Path dir;

    @Test
    void anIdleAgentLoadsNothingCostly() throws Exception {
        Path loaded = dir.resolve("classes.log");
        try (ForkedJvm shop = ForkedJvm.withAgent("", "-Xlog:class+load:file=" + loaded)) {
            assertNothingCostlyLoaded(shop, loaded);
        }
    }

    @Test
    void aPlainPlanThatArmsNothingHereLoadsNothingCostly() throws Exception {
        Path loaded = dir.resolve("classes.log");
        Path plan = Plans.write(dir, """
                name: checkout-latency      # the pod hash reads the name
                select: {pods: 0.01%}
                rules:
                  - name: slow-count
                    target: com.example.shop.Catalog#count
                    latency: 100ms..200ms
                    probability: 0.5
                """);
        try (ForkedJvm shop = ForkedJvm.inPod("config=" + plan + ",journal=" + dir.resolve("journal.jsonl"), Map.of("POD_NAME", "shop-1"),
                "-Xlog:class+load:file=" + loaded)) {
            assertThat(shop.awaitStderr("chaos-agent: ", "does not select this JVM")).contains("outside the 0.01% share");
            assertNothingCostlyLoaded(shop, loaded);
        }
    }

    @Test
    void aPlanWhoseRulesArmHereSpinsNoMethodHandleInPremain() throws Exception {
        Path loaded = dir.resolve("classes.log");
        Path plan = Plans.write(dir, """
                rules:
                  - {name: slow-count, target: com.example.shop.Catalog#count, latency: 1ms}
                  - {name: failing-count, target: com.example.shop.Catalog#count, exception: java.lang.IllegalStateException, probability: 0}
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan, "-Xlog:class+load:file=" + loaded)) {
            shop.awaitStderr("chaos-agent: started (premain): 2 rules");
            assertThat(shop.result("count")).isEqualTo("ok 5");
            List<String> classes = Files.readAllLines(loaded);
            List<String> premain = premain(classes);
            assertThat(premain).as("the agent's rule classes load in premain").anyMatch(line -> line.contains("] dev.chaosagent.rule.Rule "));
            assertThat(premain).as("rules in force before main: the engine starts in premain")
                    .anyMatch(line -> line.contains("] dev.chaosagent.engine.ChaosEngine "));
            assertNoMethodHandleSpun(classes);
            assertThat(premain).as("lambdas of the agent's in premain")
                    .filteredOn(line -> COSTLY.get("a lambda of the agent's").matcher(line).find()).isEmpty();
        }
    }

    @Test
    void anAgentWithNoRuleToWeaveBeforeMainFinishesItsStartOnAThreadOfItsOwn() throws Exception {
        Path loaded = dir.resolve("classes.log");
        Path plan = Plans.write(dir, "rules: []   # rules come later: this file edited, the CLI, JMX\n");
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan, "-Xlog:class+load:file=" + loaded + ":uptime,tid")) {
            shop.awaitStderr("chaos-agent: started (premain): 0 rules");
            assertThat(shop.result("count")).isEqualTo("ok 5");
            List<String> classes = Files.readAllLines(loaded);
            String mainThread = thread(classes.get(firstIndex(classes, "] dev.chaosagent.agent.ChaosAgent ")));
            List<String> onMain = classes.stream().filter(line -> thread(line).equals(mainThread)).toList();
            assertThat(onMain).as("premain reads the plan on the application's main thread")
                    .anyMatch(line -> line.contains("] dev.chaosagent.plan.PlanParser "));
            assertThat(onMain).as("the engine and the loggers on the application's main thread")
                    .noneMatch(line -> line.contains("] dev.chaosagent.engine.ChaosEngine ") || line.contains("] dev.chaosagent.logging."));
            assertThat(classes).as("the engine, on the agent's thread").anyMatch(line -> line.contains("] dev.chaosagent.engine.ChaosEngine "));

            Files.writeString(plan, "rules:\n  - {name: wrong, target: com.example.shop.Catalog#count, returns: 1}\n");
            Awaitility.await("the plan's first rule").atMost(Duration.ofSeconds(5)).until(() -> shop.result("count").equals("ok 1"));
        }
    }

    /**
     * chaos-junit on the class path is a test JVM whose chaos tests are about to add rules: the agent
     * warms its weaver up at start, as an attach does. chaos-junit is built after this module, so the
     * class path carries the one file the agent looks for.
     */
    @Test
    void aJvmWithChaosJunitOnItsClassPathWarmsTheWeaverUpBeforeItsFirstRule(@TempDir Path junit) throws Exception {
        Path extension = junit.resolve("dev/chaosagent/junit/ChaosExtension.class");
        Files.createDirectories(extension.getParent());
        Files.write(extension, new byte[0]);
        Path loaded = dir.resolve("classes.log");
        try (ForkedJvm shop = ForkedJvm.start("", false, List.of(junit), "-Xlog:class+load:file=" + loaded)) {
            shop.awaitStderr("chaos-agent: started (premain): 0 rules");
            Awaitility.await("the weaver, warmed up with no rule yet").atMost(Duration.ofSeconds(30))
                    .until(() -> Files.readString(loaded).contains("] dev.chaosagent.instrument.AdviceWeaver "));
            assertThat(shop.result("count")).isEqualTo("ok 5");
        }
    }

    /** The thread of a class-loading line decorated with uptime and thread id: {@code 4242} in {@code [0.126s][4242] ...}. */
    private static String thread(String line) {
        int end = line.indexOf(']', line.indexOf(']') + 1);
        return end < 0 ? "" : line.substring(line.indexOf(']') + 2, end);
    }

    /**
     * The class-loading log from the agent's entry to the application's main class, or to the start
     * of the doors' thread, whose JDK socket code spins method handles of its own.
     */
    private static List<String> premain(List<String> classes) {
        return classes.subList(firstIndex(classes, "] dev.chaosagent.agent.ChaosAgent "),
                firstIndex(classes, "] com.example.shop.ShopApp ", "] dev.chaosagent.agent.AgentRuntime$Doors "));
    }

    /**
     * Nothing costly loads, in premain or after it, once the agent has opened its doors in the
     * background (JMX, and the CLI's, which opens no socket before the CLI knocks).
     */
    private static void assertNothingCostlyLoaded(ForkedJvm shop, Path loaded) throws Exception {
        shop.awaitStderr("chaos-agent: started (premain)");
        assertThat(shop.result("count")).isEqualTo("ok 5");
        Awaitility.await("the agent's MXBean to be registered").atMost(Duration.ofSeconds(30))
                .until(() -> Files.readString(loaded).contains("] dev.chaosagent.jmx.ChaosAgentMXBean "));
        // The doors' thread makes the CLI's door before it registers the MXBean.
        Awaitility.await("the CLI's door").atMost(Duration.ofSeconds(30)).until(() -> Files.isDirectory(ControlDoor.path(shop.pid())));
        List<String> classes = Files.readAllLines(loaded);
        assertThat(premain(classes)).as("the agent's own classes load in premain").anyMatch(line -> line.contains("] dev.chaosagent.agent.AgentRuntime "));
        assertNoMethodHandleSpun(classes);
        COSTLY.forEach((what, pattern) -> assertThat(classes).as(what).filteredOn(line -> pattern.matcher(line).find()).isEmpty());
    }

    /**
     * No method handle spun in premain: no lambda or string concatenation of the agent's runs there.
     * Asserted where the forked JVM's core reflection does not itself run on method handles: from
     * Java 18 it does (JEP 416, {@code DirectMethodHandleAccessor}), so any reflective call spins some;
     * the agent's own lambdas are caught on every JDK by their pattern in {@link #COSTLY}.
     */
    private static void assertNoMethodHandleSpun(List<String> classes) {
        if (classes.stream().noneMatch(line -> line.contains("] jdk.internal.reflect.DirectMethodHandleAccessor "))) {
            assertThat(premain(classes)).as("method handles spun in premain").filteredOn(line -> SPUN_METHOD_HANDLE.matcher(line).find()).isEmpty();
        }
    }

    /** The index of the first line that contains any of these, or the number of lines. */
    private static int firstIndex(List<String> lines, String... markers) {
        for (int i = 0; i < lines.size(); i++) {
            for (String marker : markers) {
                if (lines.get(i).contains(marker)) {
                    return i;
                }
            }
        }
        return lines.size();
    }
}
