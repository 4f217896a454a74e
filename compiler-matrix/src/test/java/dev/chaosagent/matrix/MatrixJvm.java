package dev.chaosagent.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.matrix.host.MatrixHost;
import dev.chaosagent.harness.CommandLoop;
import dev.chaosagent.harness.ForkedJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link MatrixHost} JVM with the real agent jar and the capture agent: the tests of one
 * compiler send it many commands and read its one-line answers, {@code ok VALUE} or
 * {@code err TYPE: MESSAGE} (without {@link CommandLoop}'s timing).
 */
final class MatrixJvm implements AutoCloseable {

    static final Path WORK = Path.of(System.getProperty("matrix.work", "target/matrix")).toAbsolutePath();

    private final ForkedJvm jvm;

    private MatrixJvm(ForkedJvm jvm) {
        this.jvm = jvm;
    }

    /** Starts the application with the agent, the capture agent, and these class directories ahead of the fixtures. */
    static MatrixJvm start(Path... extraClasses) throws IOException {
        List<Path> classpath = new ArrayList<>(List.of(extraClasses));
        classpath.add(Path.of(System.getProperty("matrix.classes", "target/classes")));
        for (String entry : Files.readString(Path.of(System.getProperty("matrix.classpath", "target/matrix.classpath"))).strip()
                .split(java.io.File.pathSeparator)) {
            classpath.add(Path.of(entry));
        }
        classpath.add(ForkedJvm.codeSource(CommandLoop.class));
        return new MatrixJvm(ForkedJvm.launch(MatrixHost.class.getName(), classpath).agent("").capture().jvmArgs("-Xmx128m").start());
    }

    /** The answer of a command that must succeed, without its {@code ok } and timing. */
    String ok(String command) {
        String answer = jvm.result(command);
        assertThat(answer).as("answer to %s; stderr: %s", command, jvm.stderr()).startsWith("ok ");
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
        return jvm.stderr().size();
    }

    /** What the JVM wrote on stderr after its first {@code lines} lines. */
    String stderrSince(int lines) {
        List<String> all = List.copyOf(jvm.stderr());
        return String.join("\n", all.subList(lines, all.size()));
    }

    @Override
    public void close() throws Exception {
        jvm.close();
    }
}
