package dev.chaosagent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalFileTest {

    private static final String ADDED = "{\"time\":\"2026-12-06T10:30:00.250Z\",\"event\":\"added\",\"rule\":\"slow\",\"message\":\"rule slow added: name=slow\"}";
    private static final String SUMMARY = "{\"time\":\"2026-12-06T10:30:10.250Z\",\"event\":\"summary\",\"message\":\"é done\",\"injections\":3}";

    @TempDir
    Path dir;

    private Path journal(String text) throws IOException {
        return Files.writeString(dir.resolve("journal.jsonl"), text, StandardCharsets.UTF_8);
    }

    @Test
    void readsEveryLineWithItsNumberTimeAndEvent() throws IOException {
        JournalFile file = JournalFile.read(journal(ADDED + "\n\n" + SUMMARY + "\r\n"));
        assertThat(file.name()).isEqualTo("journal.jsonl");
        assertThat(file.truncatedLine()).isZero();
        assertThat(file.lines()).extracting(JournalLine::number).containsExactly(1, 3);
        assertThat(file.lines()).extracting(JournalLine::event).containsExactly("added", "summary");
        assertThat(file.lines().get(1).time()).isEqualTo(Instant.parse("2026-12-06T10:30:10.250Z"));
        assertThat(file.lines().get(1).string("message")).isEqualTo("é done");
        assertThat(file.lines().get(1).count("injections")).isEqualTo(3);
    }

    @Test
    void aLastLineCutShortIsSkippedAndRemembered() throws IOException {
        JournalFile file = JournalFile.read(journal(ADDED + "\n" + SUMMARY.substring(0, 40)));
        assertThat(file.lines()).hasSize(1);
        assertThat(file.truncatedLine()).isEqualTo(2);
    }

    @Test
    void aLastLineCutInsideACharacterIsSkippedToo() throws IOException {
        byte[] summary = SUMMARY.getBytes(StandardCharsets.UTF_8);
        int insideE = SUMMARY.indexOf('é') + 1; // the first of its two bytes
        byte[] bytes = new byte[ADDED.length() + 1 + insideE];
        System.arraycopy((ADDED + "\n").getBytes(StandardCharsets.UTF_8), 0, bytes, 0, ADDED.length() + 1);
        System.arraycopy(summary, 0, bytes, ADDED.length() + 1, insideE);
        JournalFile file = JournalFile.read(Files.write(dir.resolve("cut.jsonl"), bytes));
        assertThat(file.lines()).hasSize(1);
        assertThat(file.truncatedLine()).isEqualTo(2);
    }

    @Test
    void aBrokenLineBeforeTheLastMeansTheFileIsNotAJournal() throws IOException {
        Path broken = journal(ADDED + "\n" + SUMMARY.substring(0, 40) + "\n" + SUMMARY + "\n");
        assertThatThrownBy(() -> JournalFile.read(broken)).isInstanceOf(NotAJournalException.class).hasMessage(
                "line 2 is not a JSON object (at column 41: expected a closing quote, found the end of the line);"
                        + " a journal has one JSON object per line");
    }

    @Test
    void aFileWithNoCompleteLineIsNotAJournal() throws IOException {
        Path empty = journal("\n\n");
        assertThatThrownBy(() -> JournalFile.read(empty)).isInstanceOf(NotAJournalException.class)
                .hasMessage("it is empty; a journal has one JSON object per line");
        Path text = journal("hello");
        assertThatThrownBy(() -> JournalFile.read(text)).isInstanceOf(NotAJournalException.class)
                .hasMessage("its only line is not a JSON object; a journal has one JSON object per line");
    }

    @Test
    void aJsonLineThatIsNotAJournalLineIsNamed() throws IOException {
        Path noTime = journal(ADDED + "\n{\"event\":\"added\"}\n");
        assertThatThrownBy(() -> JournalFile.read(noTime)).isInstanceOf(NotAJournalException.class)
                .hasMessage("line 2 is not a journal line: it has no \"time\" (every journal line has \"time\" and \"event\")");
        Path badTime = journal("{\"time\":\"yesterday\",\"event\":\"added\"}\n");
        assertThatThrownBy(() -> JournalFile.read(badTime)).isInstanceOf(NotAJournalException.class)
                .hasMessage("line 1 (added): \"time\" is \"yesterday\"; expected an ISO-8601 instant such as 2026-12-06T10:30:00.000Z");
        Path array = journal("[1,2]\n" + ADDED + "\n");
        assertThatThrownBy(() -> JournalFile.read(array)).isInstanceOf(NotAJournalException.class)
                .hasMessage("line 1 is not a JSON object (it is another JSON value); a journal has one JSON object per line");
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedWithItsLine() throws IOException {
        JournalLine line = JournalFile.read(journal("{\"time\":\"2026-12-06T10:30:00.250Z\",\"event\":\"phase-ended\",\"calls\":\"many\"}\n"))
                .lines().get(0);
        assertThatThrownBy(() -> line.count("calls")).isInstanceOf(NotAJournalException.class)
                .hasMessage("line 1 (phase-ended): \"calls\" is \"many\"; expected a number");
    }
}
