package dev.chaosagent.cli;

import dev.chaosagent.report.JournalFile;
import dev.chaosagent.report.NotAJournalException;
import dev.chaosagent.report.ReportPage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code report JOURNAL [-o FILE]}: reads a journal file and writes its postmortem page. Nothing
 * here talks to a JVM; a file that is not a journal is bad usage (2), a page that cannot be
 * written is 1.
 */
final class ReportCommand {

    private static final String USAGE = "usage: java -jar chaos-agent.jar " + ChaosCli.COMMANDS.get("report")[0];

    private final PrintStream out;

    ReportCommand(PrintStream out) {
        this.out = out;
    }

    void run(List<String> arguments) throws CliException {
        Path journal = null;
        Path output = null;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("-o")) {
                if (output != null || i + 1 >= arguments.size()) {
                    throw new CliException(CliException.BAD_USAGE, (output != null ? "-o given twice; " : "-o needs a FILE; ") + USAGE);
                }
                output = Path.of(arguments.get(++i));
            } else if (journal == null) {
                journal = Path.of(argument);
            } else {
                throw new CliException(CliException.BAD_USAGE, "one journal at a time (got " + journal + " and " + argument + "); " + USAGE);
            }
        }
        if (journal == null) {
            throw new CliException(CliException.BAD_USAGE, "no journal given; " + USAGE);
        }
        if (output == null) {
            output = defaultOutput(journal);
        }
        if (output.toAbsolutePath().normalize().equals(journal.toAbsolutePath().normalize())) {
            throw new CliException(CliException.BAD_USAGE, "-o " + output + " is the journal itself; give another FILE");
        }
        JournalFile file = read(journal);
        String page = ReportPage.render(file);
        try {
            Files.writeString(output, page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(CliException.CANNOT_WRITE, "cannot write the report to " + output + ": " + reason(e));
        }
        out.println("report written to " + output + ": " + ReportPage.verdict(file).toLowerCase(java.util.Locale.ROOT)
                + " (" + file.lines().size() + " journal lines"
                + (file.truncatedLine() > 0 ? "; the cut-short last line " + file.truncatedLine() + " is skipped" : "") + ")");
    }

    /**
     * The journal's name with {@code .html} for its extension, beside it: {@code journal.jsonl}
     * gives {@code journal.html}, {@code journal} gives {@code journal.html}, and a journal that is
     * already called {@code x.html} gives {@code x.html.html} rather than itself.
     */
    static Path defaultOutput(Path journal) {
        String name = String.valueOf(journal.getFileName());
        int dot = name.lastIndexOf('.');
        String html = (dot > 0 ? name.substring(0, dot) : name) + ".html";
        return journal.resolveSibling(html.equals(name) ? name + ".html" : html);
    }

    private static JournalFile read(Path journal) throws CliException {
        try {
            return JournalFile.read(journal);
        } catch (NotAJournalException e) {
            throw new CliException(CliException.BAD_USAGE, journal + " is not a journal: " + e.getMessage());
        } catch (IOException e) {
            throw new CliException(CliException.BAD_USAGE, "cannot read " + journal + ": " + reason(e));
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
