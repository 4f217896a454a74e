package dev.chaosagent.examples.musicstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.agent.AgentRuntime;
import dev.chaosagent.harness.ForkedJvm;
import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jmxterm and Jolokia lines of docs/game-day-and-cli.md (named by chaos.readme), read from that
 * page and run as a user runs them: the real jmxterm uber jar with the commands on its stdin, and the
 * Jolokia JVM agent's HTTP endpoint, against the music store forked with chaos-agent, remote JMX and
 * Jolokia on 127.0.0.1.
 */
class JmxClientsIT {

    private static final Path LIBS = Path.of(System.getProperty("chaos.it.libs", "target/it-libs"));
    private static final Path README = Path.of(System.getProperty("chaos.readme", "../docs/game-day-and-cli.md"));
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern JMXTERM = Pattern.compile("^\\$ java (-jar jmxterm-(\\S+)-uber\\.jar -l 127\\.0\\.0\\.1:9010 -n) <<'EOF'$");
    private static final Pattern JMXTERM_BY_PID = Pattern.compile("`java (--add-exports \\S+ -jar jmxterm-\\S+-uber\\.jar -l PID -n)`");
    private static final Pattern JOLOKIA_AGENT = Pattern.compile("-javaagent:jolokia-agent-jvm-(\\S+)-javaagent\\.jar=host=127\\.0\\.0\\.1,port=8778");
    private static final Pattern CURL = Pattern.compile("^\\$ curl -s -d '(\\{.*})' http://127\\.0\\.0\\.1:8778(/jolokia/)$");
    private static final Pattern JOLOKIA_URL = Pattern.compile("Jolokia: Agent .* started with URL (http://127\\.0\\.0\\.1:\\d+/jolokia)");
    private static final Pattern STORE_PORT = Pattern.compile("music store \\(unprotected\\) listening on 127\\.0\\.0\\.1:(\\d+)");

    private static final HttpClient http = HttpClient.newHttpClient();
    private static CatalogBackendServer backend;
    private static ForkedJvm store;
    private static URI storeUrl;
    private static URI jolokia;

    @BeforeAll
    static void startTheStoreWithChaosAgentAndJolokia() throws Exception {
        assertThat(LIBS.resolve("jmxterm.jar")).as("copied by mvn verify").exists();
        assertThat(README).exists();
        backend = CatalogBackendServer.start(0);
        Path agent = ForkedJvm.codeSource(AgentRuntime.class);
        store = ForkedJvm.launch(MusicStoreServer.class.getName(),
                        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of).toList())
                .jvmArgs("-Xmx128m", "-javaagent:" + agent, "-javaagent:" + LIBS.resolve("jolokia-agent.jar") + "=host=127.0.0.1,port=0")
                .remoteJmx()
                .args("0", "http://127.0.0.1:" + backend.port(), "--unprotected")
                .readyWhen(STORE_PORT, TIMEOUT)
                .noCommands()
                .start();
        storeUrl = URI.create("http://127.0.0.1:" + group(STORE_PORT, store.readyLine()));
        jolokia = URI.create(group(JOLOKIA_URL, store.awaitStdout("Jolokia: Agent", "started with URL")));
        Awaitility.await("the MXBean to be registered").atMost(TIMEOUT)
                .until(() -> get(URI.create(jolokia + "/read/dev.chaosagent:type=ChaosAgent/RuleNames")).contains("\"status\":200"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (store != null) {
            store.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void theReadmesJmxtermLinesAddDescribeAndStopARule(@TempDir Path dir) throws Exception {
        Matcher command = readmeLines().stream().map(JMXTERM::matcher).filter(Matcher::matches).findFirst()
                .orElseThrow(() -> new AssertionError("no jmxterm command line in the README"));
        assertThat(command.group(2)).as("the jmxterm version the README names").isEqualTo(System.getProperty("jmxterm.version"));

        Jmxterm run = jmxterm(command.group(1).replace("127.0.0.1:9010", store.jmxUrl().toString()), dir);

        assertAddedDescribedAndStopped(run);
    }

    @Test
    void theReadmesJmxtermLinesReachTheJvmByItsPid(@TempDir Path dir) throws Exception {
        Matcher command = JMXTERM_BY_PID.matcher(Files.readString(README));
        assertThat(command.find()).as("the README's jmxterm line by PID").isTrue();

        Jmxterm run = jmxterm(command.group(1).replace("PID", Long.toString(store.pid())), dir);

        assertAddedDescribedAndStopped(run);
    }

    @Test
    void theReadmesJolokiaLinesAddDescribeAndStopARule() throws Exception {
        Matcher agent = JOLOKIA_AGENT.matcher(Files.readString(README));
        assertThat(agent.find()).as("the README's Jolokia agent option").isTrue();
        assertThat(agent.group(1)).as("the Jolokia version the README names").isEqualTo(System.getProperty("jolokia.version"));
        List<String> bodies = new ArrayList<>();
        for (String line : readmeLines()) {
            Matcher curl = CURL.matcher(line);
            if (curl.matches()) {
                assertThat(curl.group(2)).isEqualTo("/jolokia/");
                bodies.add(curl.group(1));
            }
        }
        assertThat(bodies).as("the README's curl lines: addRule, describe, stopAll").hasSize(3);
        long stoppedBefore = journalEvents("stopped");

        String added = post(bodies.get(0));
        assertThat(added).contains("\"value\":\"slow-catalog\"", "\"status\":200");
        HttpResponse<String> album = http.send(HttpRequest.newBuilder(storeUrl.resolve("/albums/7")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(album.statusCode()).as("the slowed call still answers").isEqualTo(200);
        assertThat(post(bodies.get(1))).as("describe: the rule, armed, 1 call, 1 injection")
                .containsPattern("slow-catalog +armed +1 +1 ").contains("CatalogClient#fetchAlbum latency=800ms");
        assertThat(post(bodies.get(2))).contains("\"status\":200");

        assertThat(describe()).contains("0 rules");
        assertThat(journalEvents("stopped")).isEqualTo(stoppedBefore + 1);
        assertThat(post("{\"type\":\"exec\",\"mbean\":\"dev.chaosagent:type=ChaosAgent\",\"operation\":\"addRule\","
                + "\"arguments\":[\"target=a.B#c latency=fast\"]}"))
                .as("a bad spec: status 500 and the rule language's message")
                .contains("\"status\":500", "latency: \\\"fast\\\" is not a duration (expected like 250ms, 2s, 100ms..1s)");
    }

    /** jmxterm added the rule (its name on stdout), described it as armed with the whole spec, and the kill switch removed it. */
    private static void assertAddedDescribedAndStopped(Jmxterm run) throws Exception {
        assertThat(run.exit()).isZero();
        assertThat(run.stderr()).as("jmxterm's stderr").doesNotContain("Exception")
                .contains("calling operation addRule", "calling operation describe", "calling operation stopAll");
        assertThat(run.stdout().lines()).as("addRule's result").contains("slow-catalog");
        assertThat(run.stdout()).as("describe's table")
                .containsPattern("slow-catalog +armed .* name=slow-catalog target=dev\\.chaosagent\\.examples\\.musicstore\\.CatalogClient"
                        + "#fetchAlbum latency=800ms ttl=30m");
        assertThat(describe()).as("after stopAll").contains("0 rules");
    }

    private record Jmxterm(int exit, String stdout, String stderr) {
    }

    /** Runs jmxterm with the README's arguments (its jar name resolved) and the README's commands on stdin. */
    private static Jmxterm jmxterm(String arguments, Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of(java()));
        for (String argument : arguments.split(" ")) {
            command.add(argument.matches("jmxterm-.*-uber\\.jar") ? LIBS.resolve("jmxterm.jar").toString() : argument);
        }
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        long addedBefore = journalEvents("added");
        long stoppedBefore = journalEvents("stopped");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try (Writer stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            for (String line : jmxtermCommands()) {
                stdin.write(line + "\n");
            }
        }
        assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("jmxterm to finish").isTrue();
        assertThat(journalEvents("added")).as("jmxterm's addRule reached the agent").isEqualTo(addedBefore + 1);
        assertThat(journalEvents("stopped")).as("jmxterm's stopAll reached the agent").isEqualTo(stoppedBefore + 1);
        return new Jmxterm(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    /** The lines of the README's jmxterm here-document. */
    private static List<String> jmxtermCommands() throws IOException {
        List<String> lines = readmeLines();
        int start = lines.indexOf(lines.stream().filter(line -> JMXTERM.matcher(line).matches()).findFirst().orElseThrow()) + 1;
        List<String> commands = lines.subList(start, lines.indexOf("EOF"));
        assertThat(commands).as("the README's jmxterm commands").hasSize(4).first().isEqualTo("bean dev.chaosagent:type=ChaosAgent");
        return commands;
    }

    private static List<String> readmeLines() throws IOException {
        return Files.readAllLines(README);
    }

    private static String describe() throws Exception {
        return post("{\"type\":\"exec\",\"mbean\":\"dev.chaosagent:type=ChaosAgent\",\"operation\":\"describe\"}");
    }

    /** How many journal lines have this event (the journal's JSON lines are a string in Jolokia's JSON: quotes escaped). */
    private static long journalEvents(String event) throws Exception {
        String journal = post("{\"type\":\"exec\",\"mbean\":\"dev.chaosagent:type=ChaosAgent\",\"operation\":\"journal\"}");
        return Pattern.compile(Pattern.quote("\\\"event\\\":\\\"" + event + "\\\"")).matcher(journal).results().count();
    }

    private static String post(String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(jolokia + "/")).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String group(Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(line);
        assertThat(matcher.find()).as("%s in %s", pattern, line).isTrue();
        return matcher.group(1);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
