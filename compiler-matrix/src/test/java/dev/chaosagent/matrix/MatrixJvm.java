package dev.chaosagent.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.matrix.host.Capture;
import com.example.matrix.host.MatrixHost;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.awaitility.Awaitility;

/**
 * One {@link MatrixHost} JVM with the real agent jar and the {@link Capture} agent: the tests of one
 * compiler send it many commands and read its one-line answers.
 */
final class MatrixJvm implements AutoCloseable {

    static final Path AGENT_JAR = Path.of(System.getProperty("chaos.agent.jar", "../chaos-agent/target/chaos-agent.jar")).toAbsolutePath();
    static final Path WORK = Path.of(System.getProperty("matrix.work", "target/matrix")).toAbsolutePath();
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final PrintWriter stdin;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    private MatrixJvm(List<String> command) throws IOException {
        process = new ProcessBuilder(command).start();
        stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        pump(process.getInputStream(), stdout);
        pump(process.getErrorStream(), stderr);
        Awaitility.await("the matrix application to start").atMost(ANSWER_TIMEOUT)
                .until(() -> !stdout.isEmpty() || !process.isAlive());
        assertThat(stdout).as("the application runs with the agent's MXBean; stderr: %s", stderr).containsExactly("ready");
    }

    /** Starts the application with the agent, the capture agent, and these class directories ahead of the fixtures. */
    static MatrixJvm start(Path... extraClasses) throws IOException {
        List<String> classpath = new ArrayList<>();
        for (Path extra : extraClasses) {
            classpath.add(extra.toString());
        }
        classpath.add(System.getProperty("matrix.classes", "target/classes"));
        classpath.add(Files.readString(Path.of(System.getProperty("matrix.classpath", "target/matrix.classpath"))).strip());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-javaagent:" + AGENT_JAR,
                "-javaagent:" + captureAgentJar(),
                "-cp", String.join(java.io.File.pathSeparator, classpath),
                MatrixHost.class.getName()));
        return new MatrixJvm(command);
    }

    /** Sends a command and waits for its answer: {@code ok VALUE} or {@code err TYPE: MESSAGE}. */
    String call(String command) {
        String prefix = ids.incrementAndGet() + " ";
        stdin.println(prefix + command);
        return Awaitility.await("the answer to " + command).atMost(ANSWER_TIMEOUT).until(
                () -> stdout.stream().filter(line -> line.startsWith(prefix)).findFirst(), Optional::isPresent)
                .orElseThrow().substring(prefix.length());
    }

    /** The answer of a command that must succeed, without its {@code ok }. */
    String ok(String command) {
        String answer = call(command);
        assertThat(answer).as("answer to %s; stderr: %s", command, stderr).startsWith("ok ");
        return answer.substring(3);
    }

    /** Adds a rule over JMX; answers its name. */
    String add(String spec) {
        return ok("add " + spec);
    }

    /** Calls a driver method that many times: each outcome, {@code =VALUE} or {@code !TYPE: MESSAGE}, joined by {@code |}. */
    String run(String driver, int times) {
        return ok("run " + driver + " " + times);
    }

    long calls(String rule) {
        return Long.parseLong(ok("calls " + rule));
    }

    long injections(String rule) {
        return Long.parseLong(ok("injections " + rule));
    }

    String shape(String className) {
        return ok("shape " + className);
    }

    /** How long one call of a driver took, in milliseconds; the outcome must be the one given. */
    long millis(String driver, String outcome) {
        String[] answer = ok("timed " + driver).split(" ", 2);
        assertThat(answer[1]).isEqualTo(outcome);
        return Long.parseLong(answer[0]);
    }

    int stderrLines() {
        return stderr.size();
    }

    /** What the JVM wrote on stderr after its first {@code lines} lines. */
    String stderrSince(int lines) {
        List<String> all = List.copyOf(stderr);
        return String.join("\n", all.subList(lines, all.size()));
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            stdin.println("0 exit");
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static void pump(InputStream stream, List<String> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "matrix-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** An agent jar of a manifest only: {@link Capture} itself loads from the class path. */
    private static synchronized Path captureAgentJar() throws IOException {
        Path jar = WORK.resolve("capture-agent.jar");
        if (Files.exists(jar)) {
            return jar;
        }
        Files.createDirectories(WORK);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", Capture.class.getName());
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.flush();
        }
        return jar;
    }
}
