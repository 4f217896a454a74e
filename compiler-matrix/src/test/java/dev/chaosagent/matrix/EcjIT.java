package dev.chaosagent.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.eclipse.jdt.core.compiler.batch.BatchCompiler;
import org.junit.jupiter.api.Test;

/** The Eclipse compiler's shapes (its own try ranges and bridges); the fixtures are compiled here by ecj. */
class EcjIT extends CompilerMatrix {

    @Override
    String fixtures() {
        return "com.example.matrix.ecj";
    }

    @Override
    MatrixJvm startJvm() throws Exception {
        Path classes = MatrixJvm.WORK.resolve("ecj-classes");
        StringWriter messages = new StringWriter();
        boolean compiled = BatchCompiler.compile(new String[] {"-17", "-nowarn", "-d", classes.toString(),
                System.getProperty("matrix.ecj.sources", "src/ecj/java")}, new PrintWriter(messages), new PrintWriter(messages), null);
        assertThat(compiled).as("ecj compiles the fixtures: %s", messages).isTrue();
        return MatrixJvm.start(classes);
    }

    @Test
    void aCallThroughABridgeIsOneCall() {
        restoredAfter(() -> {
            jvm.add("name=bridge " + target("IntSource#get") + " " + CHAOS + " every=2");
            assertThat(jvm.run(driver("bridge"), 10)).isEqualTo(everySecondThrows("7", 10));
            assertThat(jvm.calls("bridge")).isEqualTo(10);
            assertThat(jvm.injections("bridge")).isEqualTo(5);
            assertThat(counters()).containsEntry("gets", 5);
        }, "IntSource");
    }
}
