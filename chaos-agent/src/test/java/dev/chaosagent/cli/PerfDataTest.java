package dev.chaosagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jvmstat file of this very JVM, read as {@code jvms} reads another's. */
class PerfDataTest {

    @Test
    void readsTheCommandThisJvmRuns() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc");
        JvmProcess self = JvmProcess.verify(Long.toString(ProcessHandle.current().pid()));
        assertThat(self.perfData()).as("this JVM's jvmstat file").isNotNull();
        assertThat(PerfData.string(self.seen(self.perfData()), "sun.rt.javaCommand")).isEqualTo(System.getProperty("sun.java.command"));
        assertThat(PerfData.string(self.seen(self.perfData()), "no.such.counter")).isNull();
    }

    @Test
    void aFileThatIsNotOneHasNoCounters(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("4242"), new byte[64]);
        assertThat(PerfData.string(file, "sun.rt.javaCommand")).isNull();
        assertThat(PerfData.string(dir.resolve("missing"), "sun.rt.javaCommand")).isNull();
    }
}
