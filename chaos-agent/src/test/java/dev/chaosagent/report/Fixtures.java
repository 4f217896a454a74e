package dev.chaosagent.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The journals under src/test/resources/report: {@code aborted.jsonl} (an experiment written in the
 * agreed line format: a steady phase, a latency phase, an error phase whose breach aborts, a
 * recovery), {@code truncated.jsonl} (the same run, the JVM killed in the middle of a line) and
 * {@code plain.jsonl} (a real agent's journal of a plan without experiment keys), and
 * {@code real-aborted.jsonl}, a real experiment's journal: the experiments branch's agent (commit
 * 05a9280) on the test shop, an album lookup observed at 50 calls a second, a latency phase, then
 * an error phase whose breach aborted the plan.
 */
final class Fixtures {

    static final Path DIRECTORY = Path.of("src/test/resources/report");

    private Fixtures() {
    }

    static Path path(String name) {
        return DIRECTORY.resolve(name);
    }

    static JournalFile journal(String name) {
        try {
            return JournalFile.read(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Timeline timeline(String name) {
        return Timeline.of(journal(name));
    }
}
