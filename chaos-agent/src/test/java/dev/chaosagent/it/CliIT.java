package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import dev.chaosagent.control.ControlDoor;
import dev.chaosagent.harness.ForkedJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar chaos-agent.jar ...} against a running JVM that was started without the agent. */
class CliIT {

    record Run(int exitCode, String out, String err) {
    }

    static Run cli(String... args) throws IOException, InterruptedException {
        return cliFrom(ForkedJvm.AGENT_JAR, args);
    }

    /** The CLI run from a copy of the agent jar at this path. */
    static Run cliFrom(Path jar, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void aGameDayFromAttachToKillSwitch() throws Exception {
        try (ForkedJvm shop = ForkedJvm.withAgent(null)) {
            String pid = Long.toString(shop.pid());

            Run jvms = cli("jvms");
            assertThat(jvms.exitCode()).isZero();
            assertThat(jvms.out()).containsPattern("(?m)^" + pid + " +com\\.example\\.shop\\.ShopApp +agent=no$");

            Run noAgent = cli("rules", pid);
            assertThat(noAgent.exitCode()).isEqualTo(1);
            assertThat(noAgent.err()).contains("has no chaos-agent (load it with: java -jar chaos-agent.jar attach " + pid + ")");

            Run attach = cli("attach", pid);
            assertThat(attach.exitCode()).as(attach.err()).isZero();
            assertThat(attach.out()).startsWith("chaos-agent attached to JVM " + pid);
            assertThat(ControlDoor.path(shop.pid())).as("the door, made when attach returns").isDirectory();
            assertThat(ControlDoor.socket(ControlDoor.path(shop.pid()))).as("its socket, which attach does not knock for").doesNotExist();
            Run again = cli("attach", pid, "seed=1");
            assertThat(again.exitCode()).isZero();
            assertThat(again.out()).contains("is already attached to JVM " + pid + "; nothing changed (options seed=1 ignored)");
            assertThat(cli("jvms").out()).containsPattern("(?m)^" + pid + " .*agent=yes$");

            Run add = cli("add", pid, "name=slow-count target=com.example.shop.Catalog#count latency=200ms");
            assertThat(add.exitCode()).as(add.err()).isZero();
            assertThat(add.out()).isEqualTo("added slow-count\n");
            assertThat(shop.millis("count")).isGreaterThanOrEqualTo(200);

            Run rules = cli("rules", pid);
            assertThat(rules.out()).contains("master switch on, 1 rule, 1 injection in all")
                    .containsPattern("slow-count +armed +1 +1 +\\d+m \\d+s +name=slow-count target=com.example.shop.Catalog#count latency=200ms ttl=30m");

            assertThat(cli("disable", pid, "slow-count").out()).isEqualTo("disabled slow-count\n");
            assertThat(shop.millis("count")).isLessThan(200);
            assertThat(cli("enable", pid, "slow-count").out()).isEqualTo("enabled slow-count\n");
            assertThat(cli("disable", pid).out()).isEqualTo("master switch off\n");
            assertThat(shop.millis("count")).isLessThan(200);
            assertThat(cli("enable", pid).out()).isEqualTo("master switch on\n");

            Run bad = cli("add", pid, "target=com.example.shop.Catalog#count latency=soon");
            assertThat(bad.exitCode()).isEqualTo(2);
            assertThat(bad.err()).isEqualTo("chaos-agent: latency: \"soon\" is not a duration (expected like 250ms, 2s, 100ms..1s)\n");

            Run missing = cli("remove", pid, "nope");
            assertThat(missing.exitCode()).isEqualTo(2);
            assertThat(missing.err()).contains("no rule named nope that can be removed (rules: slow-count)");

            assertThat(cli("remove", pid, "slow-count").out()).isEqualTo("removed slow-count\n");
            cli("add", pid, "name=a target=com.example.shop.Catalog#count returns=1");
            Run stop = cli("stop", pid);
            assertThat(stop.exitCode()).isZero();
            assertThat(stop.out()).isEqualTo("kill switch: 1 rule removed, original bytecode restored\n");
            assertThat(shop.result("count")).isEqualTo("ok 5");

            Run journal = cli("journal", pid);
            assertThat(journal.out().lines().map(dev.chaosagent.harness.JsonObject::parse).map(l -> l.get("event")))
                    .containsSubsequence("added", "disabled", "enabled", "refused", "removed", "added", "removed", "stopped");
            assertThat(shop.isAlive()).isTrue();
        }
    }

    /**
     * An agent started with {@code -javaagent} makes its door at once, and opens its socket only when
     * the CLI first knocks: a JVM the CLI never reaches pays nothing for a Unix domain socket.
     */
    @Test
    void theDoorOpensItsSocketWhenTheCliFirstKnocks() throws Exception {
        try (ForkedJvm shop = ForkedJvm.withAgent("")) {
            shop.awaitStderr("chaos-agent: started (premain)");
            String pid = Long.toString(shop.pid());
            Path door = ControlDoor.path(shop.pid());
            Awaitility.await("the door").atMost(Duration.ofSeconds(30)).until(() -> Files.isDirectory(door));
            assertThat(Files.getPosixFilePermissions(door)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
            assertThat(ControlDoor.socket(door)).doesNotExist();

            Run rules = cli("rules", pid);
            assertThat(rules.exitCode()).as(rules.err()).isZero();
            assertThat(rules.out()).contains("master switch on, 0 rules");
            assertThat(ControlDoor.socket(door)).exists();
            assertThat(ControlDoor.knock(door)).doesNotExist();
            assertThat(cli("add", pid, "name=slow-count target=com.example.shop.Catalog#count latency=200ms").out())
                    .isEqualTo("added slow-count\n");
        }
    }

    /**
     * The attach API signals the PID it is given (on some Java 17 builds before it checks what runs
     * there, on others once it sees the process catch SIGQUIT), and jvmstat lists a PID from nothing
     * more than a file name: a file left by a killed JVM, here a copy of this JVM's, names a PID that
     * another process now has, here a shell that reports every SIGQUIT. Whatever the command, the
     * CLI lists nothing there and sends nothing to it.
     */
    @Test
    void aProcessThatIsNotAJvmIsNeverSignalled(@TempDir Path dir) throws Exception {
        Path signals = dir.resolve("signals.txt");
        Process shell = new ProcessBuilder("sh", "-c", "trap 'echo SIGQUIT' QUIT; while true; do read line; done")
                .redirectOutput(signals.toFile()).start();
        String pid = Long.toString(shell.pid());
        Path perfData = Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"));
        Path forged = perfData.resolve(pid);
        try {
            Path own = perfData.resolve(Long.toString(ProcessHandle.current().pid()));
            Assumptions.assumeTrue(Files.isRegularFile(own), "this JVM publishes no jvmstat file at " + own + " to forge one from");
            Files.copy(own, forged);
            assertThat(VirtualMachine.list()).as("the JDK lists the forged entry").anyMatch(jvm -> jvm.id().equals(pid));

            Run jvms = cli("jvms");
            assertThat(jvms.exitCode()).isZero();
            assertThat(jvms.out()).doesNotContainPattern("(?m)^" + pid + " ");

            for (List<String> command : List.of(List.of("attach", pid), List.of("rules", pid), List.of("add", pid, "target=a.B#c latency=1ms"),
                    List.of("remove", pid, "r"), List.of("enable", pid), List.of("disable", pid, "r"), List.of("stop", pid), List.of("journal", pid))) {
                Run run = cli(command.toArray(String[]::new));
                assertThat(run.exitCode()).as("%s: %s", command, run.err()).isEqualTo(1);
                assertThat(run.err()).as("%s", command)
                        .isEqualTo("chaos-agent: cannot reach JVM " + pid + ": process " + pid + " (sh) is not a JVM; nothing was sent to it\n");
            }
            assertThat(shell.isAlive()).isTrue();
            assertThat(Files.readString(signals)).as("signals the shell caught").isEmpty();
        } finally {
            Files.deleteIfExists(forged);
            shell.destroy();
        }
    }

    /** A JVM of another user is left alone, and the message says whose it is. */
    @Test
    void aJvmOfAnotherUserIsLeftAlone(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(System.getProperty("user.name").equals("root") && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "runs as root, with setpriv, to run the CLI as nobody");
        Path jar = Files.copy(ForkedJvm.AGENT_JAR, Files.createDirectories(Path.of("/tmp", "chaos-cli-" + ProcessHandle.current().pid()))
                .resolve("chaos-agent.jar"));
        try (ForkedJvm shop = ForkedJvm.withAgent("")) {
            jar.getParent().toFile().setExecutable(true, false);
            jar.toFile().setReadable(true, false);
            String pid = Long.toString(shop.pid());
            Run run = run(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "rules", pid));
            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("chaos-agent: cannot reach JVM " + pid + ": process " + pid
                    + " (java) runs as user root, not as you; nothing was sent to it (run this command as that user, e.g. sudo -u '#0'"
                    + " java -jar ...)\n");
            assertThat(shop.result("count")).isEqualTo("ok 5");
        } finally {
            Files.deleteIfExists(jar);
            Files.deleteIfExists(jar.getParent());
        }
    }

    @Test
    void badUsageIsTwoAndAnUnreachableJvmIsOne() throws Exception {
        Run none = cli();
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.out()).contains("usage: java -jar chaos-agent.jar COMMAND", "attach PID [OPTIONS]", "stop PID");

        Run unknown = cli("explode", "1");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown command explode");

        Run notAPid = cli("rules", "abc");
        assertThat(notAPid.exitCode()).isEqualTo(2);
        assertThat(notAPid.err()).contains("\"abc\" is not a PID");

        Run missingSpec = cli("add", "123");
        assertThat(missingSpec.exitCode()).isEqualTo(2);
        assertThat(missingSpec.err()).isEqualTo("chaos-agent: usage: java -jar chaos-agent.jar add PID SPEC\n");

        Run gone = cli("rules", "999999999");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).isEqualTo("chaos-agent: cannot reach JVM 999999999: no process 999999999 (it has ended, or never was);"
                + " list the JVMs with: java -jar chaos-agent.jar jvms\n");

        Run help = cli("attach", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("usage: java -jar chaos-agent.jar attach PID [OPTIONS]");
    }
}
