package dev.chaosagent.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A journal file read back: its lines in order. A last line that does not parse is what a JVM
 * killed in the middle of a write leaves, so it is skipped and remembered; any other line that is
 * not a journal line makes the whole file unreadable.
 *
 * @param truncatedLine the number of the skipped last line, or 0 when none was
 */
public record JournalFile(String name, List<JournalLine> lines, int truncatedLine) {

    /** Reads a journal. */
    public static JournalFile read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<String> texts = split(bytes);
        int last = texts.size();
        while (last > 0 && texts.get(last - 1) != null && texts.get(last - 1).isBlank()) {
            last--;
        }
        List<JournalLine> lines = new ArrayList<>();
        int truncated = 0;
        for (int i = 0; i < last; i++) {
            String text = texts.get(i);
            if (text != null && text.isBlank()) {
                continue;
            }
            try {
                lines.add(line(i + 1, text));
            } catch (IllegalArgumentException e) {
                if (i < last - 1) {
                    throw new NotAJournalException("line " + (i + 1) + " is not a JSON object ("
                            + e.getMessage() + "); a journal has one JSON object per line");
                }
                truncated = i + 1;
            }
        }
        if (lines.isEmpty()) {
            throw new NotAJournalException((truncated > 0 ? "its only line is not a JSON object" : "it is empty")
                    + "; a journal has one JSON object per line");
        }
        return new JournalFile(String.valueOf(file.getFileName()), List.copyOf(lines), truncated);
    }

    /** The file's lines, each decoded on its own: a write cut short may end inside a character. Null for one that is not UTF-8. */
    private static List<String> split(byte[] bytes) {
        List<String> texts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                try {
                    texts.add(StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes, start, end - start)).toString());
                } catch (CharacterCodingException e) {
                    texts.add(null);
                }
                start = i + 1;
            }
        }
        return texts;
    }

    /** One line, or IllegalArgumentException when it is not a JSON object. */
    private static JournalLine line(int number, String text) {
        if (text == null) {
            throw new IllegalArgumentException("it is not UTF-8 text");
        }
        if (!(JsonReader.parse(text) instanceof Map<?, ?> object)) {
            throw new IllegalArgumentException("it is another JSON value");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) object;
        JournalLine line = new JournalLine(number, Instant.EPOCH, "?", fields);
        String time = line.string("time");
        String event = line.string("event");
        if (time == null || event == null) {
            throw new NotAJournalException("line " + number + " is not a journal line: it has no \"" + (time == null ? "time" : "event")
                    + "\" (every journal line has \"time\" and \"event\")");
        }
        try {
            return new JournalLine(number, Instant.parse(time), event, fields);
        } catch (DateTimeParseException e) {
            throw new NotAJournalException("line " + number + " (" + event + "): \"time\" is \"" + time
                    + "\"; expected an ISO-8601 instant such as 2026-12-06T10:30:00.000Z");
        }
    }
}
