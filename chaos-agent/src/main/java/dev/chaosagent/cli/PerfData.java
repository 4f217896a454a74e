package dev.chaosagent.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one string counter from a JVM's jvmstat file (hsperfdata), the file {@code jps} reads: a
 * prologue, then entries that each name a counter. Reading it sends the JVM nothing.
 */
final class PerfData {

    private static final int MAGIC = 0xcafec0c0;

    private PerfData() {
    }

    /** The string counter of that name, e.g. {@code sun.rt.javaCommand}, or null when the file has none or is not one. */
    static String string(Path file, String name) {
        ByteBuffer data;
        try {
            data = ByteBuffer.wrap(Files.readAllBytes(file));
        } catch (IOException e) {
            return null;
        }
        if (data.limit() < 32 || data.getInt(0) != MAGIC) {
            return null;
        }
        data.order(data.get(4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int entry = data.getInt(24);
        int entries = data.getInt(28);
        for (int i = 0; i < entries && entry > 0 && entry + 20 <= data.limit(); i++) {
            int length = data.getInt(entry);
            if (length <= 0) {
                return null;
            }
            int vectorLength = data.getInt(entry + 8);
            if (data.get(entry + 12) == 'B' && vectorLength > 0 && name.equals(text(data, entry + data.getInt(entry + 4), Integer.MAX_VALUE))) {
                return text(data, entry + data.getInt(entry + 16), vectorLength);
            }
            entry += length;
        }
        return null;
    }

    /** The NUL-terminated text at this offset, at most max bytes. */
    private static String text(ByteBuffer data, int offset, int max) {
        int end = offset;
        while (end < data.limit() && end - offset < max && data.get(end) != 0) {
            end++;
        }
        return offset < 0 || offset > data.limit() ? null : new String(data.array(), offset, end - offset, StandardCharsets.UTF_8);
    }
}
