package dev.chaosagent.it;

import static dev.chaosagent.it.CliIT.cliFrom;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.harness.ForkedJvm;
import dev.chaosagent.it.CliIT.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI on the host against a JVM in a container: its own PID namespace (it is PID 1 there), its
 * own mount namespace with a private /tmp, and its own network namespace, made with
 * {@code unshare} as a container engine makes them. The CLI runs from a jar in the host's /tmp,
 * which the JVM cannot see, and is given the PID the host sees.
 */
class CliContainerIT {

    /** The shop as PID 1 of new namespaces, with a fresh tmpfs on /tmp. */
    private static final List<String> CONTAINER = List.of("unshare", "--pid", "--fork", "--mount-proc", "--mount", "--net",
            "sh", "-c", "mount -t tmpfs tmpfs /tmp && exec \"$0\" \"$@\"");

    @TempDir
    static Path hostTmp;

    @BeforeAll
    static void unshareWorks() throws Exception {
        Process probe;
        try {
            probe = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "--mount", "--net", "true")
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("no unshare on this machine (" + e.getMessage() + "): the container test needs util-linux");
            return;
        }
        String output = new String(probe.getInputStream().readAllBytes());
        assertThat(probe.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Assumptions.assumeTrue(probe.exitValue() == 0, "unshare cannot make namespaces here (it needs root): " + output.trim());
    }

    /**
     * A container that shares the host's /tmp: the JVM's jvmstat file is named after its PID inside
     * (here one above any host PID, so that no other tool on the machine signals a real process by
     * it), and {@code jps} lists it so. The CLI lists and drives it by the PID the host sees.
     */
    @Test
    void aJvmInAPidNamespaceThatSharesTheHostsTmpIsListedByItsHostPid() throws Exception {
        String inside = "4000001";
        Assumptions.assumeFalse(Files.exists(Path.of("/proc", inside)), "PID " + inside + " is taken on this host");
        List<String> container = List.of("unshare", "--pid", "--fork", "--mount-proc", "--net", "sh", "-c",
                "echo " + (Long.parseLong(inside) - 1) + " > /proc/sys/kernel/ns_last_pid && \"$0\" \"$@\"");
        try (ForkedJvm shop = ForkedJvm.under(container)) {
            String pid = javaIn(shop);
            assertThat(Files.readString(Path.of("/proc", pid, "status"))).containsPattern("NSpid:\\s+" + pid + "\\s+" + inside + "\\n");

            Run jvms = cliFrom(ForkedJvm.AGENT_JAR, "jvms");
            assertThat(jvms.out()).containsPattern("(?m)^" + pid + " +com\\.example\\.shop\\.ShopApp +agent=no$")
                    .doesNotContainPattern("(?m)^" + inside + " ");
            Run attach = cliFrom(ForkedJvm.AGENT_JAR, "attach", pid);
            assertThat(attach.exitCode()).as(attach.err()).isZero();
            Run rules = cliFrom(ForkedJvm.AGENT_JAR, "rules", pid);
            assertThat(rules.exitCode()).as(rules.err()).isZero();
            assertThat(rules.out()).startsWith("chaos-agent: master switch on, 0 rules");
        }
    }

    /** The JVM under the wrapper, by the PID the host sees. */
    private static String javaIn(ForkedJvm wrapper) {
        return Long.toString(ProcessHandle.of(wrapper.pid()).orElseThrow().descendants()
                .filter(p -> p.info().command().orElse("").endsWith("/java")).findFirst().orElseThrow().pid());
    }

    @Test
    void theHostDrivesAJvmInItsOwnNamespacesByTheHostsPid() throws Exception {
        Path jar = Files.copy(ForkedJvm.AGENT_JAR, hostTmp.resolve("chaos-agent.jar"));
        assertThat(jar.startsWith("/tmp")).as("a jar the JVM's private /tmp hides: %s", jar).isTrue();
        Path image = Files.createTempDirectory(Path.of("/var/tmp"), "chaos-container-image");
        try {
            try (ForkedJvm shop = ForkedJvm.under(CONTAINER, image)) {
                String pid = javaIn(shop);
                assertThat(Files.readString(Path.of("/proc", pid, "status"))).as("PID 1 inside").containsPattern("NSpid:\\s+" + pid + "\\s+1\\n");

                Run jvms = cliFrom(jar, "jvms");
                assertThat(jvms.out()).containsPattern("(?m)^" + pid + " +com\\.example\\.shop\\.ShopApp +agent=no$")
                        .doesNotContainPattern("(?m)^1 ");

                Run attach = cliFrom(jar, "attach", pid);
                assertThat(attach.exitCode()).as(attach.err()).isZero();
                assertThat(attach.out()).startsWith("chaos-agent attached to JVM " + pid);
                assertThat(Path.of("/proc", pid, "root", "tmp")).as("the jar, copied into the JVM's /tmp")
                        .isDirectoryContaining(path -> path.getFileName().toString().matches("chaos-agent-.*\\.jar"));
                assertThat(cliFrom(jar, "jvms").out()).containsPattern("(?m)^" + pid + " .*agent=yes$");

                Run add = cliFrom(jar, "add", pid, "name=slow-count target=com.example.shop.Catalog#count latency=200ms");
                assertThat(add.exitCode()).as(add.err()).isZero();
                assertThat(add.out()).isEqualTo("added slow-count\n");
                assertThat(shop.millis("count")).isGreaterThanOrEqualTo(200);
                assertThat(cliFrom(jar, "rules", pid).out()).contains("slow-count", "armed");

                Run stop = cliFrom(jar, "stop", pid);
                assertThat(stop.exitCode()).as(stop.err()).isZero();
                assertThat(stop.out()).isEqualTo("kill switch: 1 rule removed, original bytecode restored\n");
                assertThat(shop.result("count")).isEqualTo("ok 5");
            }
        } finally {
            try (java.util.stream.Stream<Path> files = Files.walk(image)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
