package dev.chaosagent.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ForkedJvmTest {

    private static ForkedJvm.Launch echo() {
        return ForkedJvm.launch(EchoApp.class.getName(), List.of(ForkedJvm.codeSource(EchoApp.class)));
    }

    @Test
    void commandsAnswersAndTheReadyLine() throws Exception {
        try (ForkedJvm jvm = echo().args("41234").start()) {
            assertThat(jvm.readyLine()).isEqualTo("ready 41234");
            assertThat(jvm.call("echo hello")).isEqualTo("ok hello");
            jvm.call("warn chaos-agent: metrics at http://127.0.0.1:40001/metrics");
            assertThat(jvm.metricsPort()).isEqualTo(40001);
        }
    }

    @Test
    void theCaptureAgentTellsAClassesShapeWithoutAsmOnTheApplicationsClassPath() throws Exception {
        try (ForkedJvm jvm = echo().capture().start()) {
            String shape = jvm.call("shape " + EchoApp.class.getName());
            assertThat(shape).as(jvm.stderrText()).matches("ok [0-9a-f]{16}");
            assertThat(jvm.call("shape " + EchoApp.class.getName())).isEqualTo(shape);
            assertThat(jvm.call("shape java.util.zip.Adler32")).isNotEqualTo(shape);
        }
    }

    @Test
    void aWaitThatTimesOutShowsTheJvmsStderr() throws Exception {
        try (ForkedJvm jvm = echo().start()) {
            jvm.call("warn something the test must see");
            assertThatThrownBy(() -> jvm.awaitStderr("never said")).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("something the test must see");
        }
    }

    @Test
    void anApplicationThatDiesBeforeItIsReadyFailsWithItsStderr() {
        assertThatThrownBy(() -> ForkedJvm.launch("no.such.Main", List.of()).readyWhen(Pattern.compile("^ready"), java.time.Duration.ofSeconds(30))
                .start()).isInstanceOf(AssertionError.class).hasMessageContaining("no.such.Main");
    }
}
