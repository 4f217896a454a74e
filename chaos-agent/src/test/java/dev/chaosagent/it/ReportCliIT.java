package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar chaos-agent.jar report JOURNAL [-o FILE]} through the real jar: the page and the exit codes 0, 2 and 1. */
class ReportCliIT {

    private static final Path FIXTURES = Path.of("src/test/resources/report");

    @TempDir
    Path dir;

    @Test
    void aJournalGivesThePageBesideIt() throws Exception {
        Path journal = Files.copy(FIXTURES.resolve("aborted.jsonl"), dir.resolve("aborted.jsonl"));
        CliIT.Run run = CliIT.cli("report", journal.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        Path page = dir.resolve("aborted.html");
        assertThat(run.out()).isEqualTo("report written to " + page + ": aborted (98 journal lines)\n");
        // the jar writes the page the golden-file test keeps
        assertThat(Files.readString(page, StandardCharsets.UTF_8)).isEqualTo(Files.readString(FIXTURES.resolve("aborted.html"), StandardCharsets.UTF_8));
    }

    @Test
    void aJournalWithoutExtensionOrCalledHtmlGetsANameOfItsOwn() throws Exception {
        Path plain = Files.copy(FIXTURES.resolve("plain.jsonl"), dir.resolve("gameday"));
        assertThat(CliIT.cli("report", plain.toString()).exitCode()).isZero();
        assertThat(dir.resolve("gameday.html")).isRegularFile();
        Path html = Files.copy(FIXTURES.resolve("plain.jsonl"), dir.resolve("odd.html"));
        assertThat(CliIT.cli("report", html.toString()).exitCode()).isZero();
        assertThat(dir.resolve("odd.html.html")).isRegularFile();
        assertThat(Files.readString(html)).isEqualTo(Files.readString(FIXTURES.resolve("plain.jsonl")));
    }

    @Test
    void aCutShortJournalStillGivesItsPageAndSaysSo() throws Exception {
        Path out = dir.resolve("sub-report.html");
        CliIT.Run run = CliIT.cli("report", "-o", out.toString(), FIXTURES.resolve("truncated.jsonl").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("report written to " + out + ": unfinished (66 journal lines; the cut-short last line 67 is skipped)\n");
        assertThat(Files.readString(out)).contains("The journal&#39;s last line (line 67) is cut short");
    }

    @Test
    void aFileThatIsNotAJournalIsBadUsage() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.jsonl"), "# notes\n{\"time\":\"2026-12-06T10:00:00Z\",\"event\":\"added\"}\n");
        CliIT.Run run = CliIT.cli("report", text.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("chaos-agent: " + text + " is not a journal: line 1 is not a JSON object (at column 1: expected a value,"
                + " found '#'); a journal has one JSON object per line\n");
        assertThat(dir.resolve("notes.html")).doesNotExist();

        CliIT.Run missing = CliIT.cli("report", dir.resolve("nope.jsonl").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("chaos-agent: cannot read " + dir.resolve("nope.jsonl") + ": no such file or directory\n");

        CliIT.Run noJournal = CliIT.cli("report", "-o", dir.resolve("x.html").toString());
        assertThat(noJournal.exitCode()).isEqualTo(2);
        assertThat(noJournal.err()).isEqualTo("chaos-agent: no journal given; usage: java -jar chaos-agent.jar report JOURNAL [-o FILE]\n");
    }

    @Test
    void aPageThatCannotBeWrittenIsExitOne() throws Exception {
        Path journal = FIXTURES.resolve("aborted.jsonl").toAbsolutePath();
        Path nowhere = dir.resolve("no-such-directory").resolve("report.html");
        CliIT.Run run = CliIT.cli("report", journal.toString(), "-o", nowhere.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("chaos-agent: cannot write the report to " + nowhere + ": no such file or directory\n");

        CliIT.Run directory = CliIT.cli("report", journal.toString(), "-o", dir.toString());
        assertThat(directory.exitCode()).isEqualTo(1);
        assertThat(directory.err()).startsWith("chaos-agent: cannot write the report to " + dir + ": ");
    }
}
