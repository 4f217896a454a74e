package dev.chaosagent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportCommandTest {

    @Test
    void thePageIsTheJournalsNameWithHtmlBesideIt() {
        assertThat(ReportCommand.defaultOutput(Path.of("/var/tmp/journal.jsonl"))).isEqualTo(Path.of("/var/tmp/journal.html"));
        assertThat(ReportCommand.defaultOutput(Path.of("gameday"))).isEqualTo(Path.of("gameday.html"));
        assertThat(ReportCommand.defaultOutput(Path.of("runs/day.2026-12-06.jsonl"))).isEqualTo(Path.of("runs/day.2026-12-06.html"));
        assertThat(ReportCommand.defaultOutput(Path.of(".journal"))).isEqualTo(Path.of(".journal.html"));
        assertThat(ReportCommand.defaultOutput(Path.of("journal.html"))).isEqualTo(Path.of("journal.html.html"));
    }

    @Test
    void thePageNeverOverwritesTheJournal() {
        ReportCommand command = new ReportCommand(new PrintStream(new ByteArrayOutputStream()));
        assertThatThrownBy(() -> command.run(List.of("j.jsonl", "-o", "./j.jsonl"))).isInstanceOf(CliException.class)
                .hasMessage("-o ./j.jsonl is the journal itself; give another FILE")
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(CliException.BAD_USAGE));
        assertThatThrownBy(() -> command.run(List.of("a.jsonl", "-o", "x.html", "-o", "y.html"))).isInstanceOf(CliException.class)
                .hasMessage("-o given twice; usage: java -jar chaos-agent.jar report JOURNAL [-o FILE]");
    }
}
