package dev.chaosagent.preset.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One Redis command as the preset's keys see it, whichever client sends it.
 *
 * @param command the command's name as sent, upper-cased ({@code GET}, {@code JSON.SET})
 * @param key     the command's first key as text (UTF-8), or null when it names none
 */
record RedisOperation(String command, String key) {

    static RedisOperation of(byte[] command, Object key) {
        return new RedisOperation(new String(command, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT), text(key));
    }

    /** A key as the clients hold it: text, bytes, or an encoded buffer (read without moving it). */
    private static String text(Object key) {
        if (key == null || key instanceof String) {
            return (String) key;
        }
        if (key instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (key instanceof ByteBuffer buffer) {
            return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
        }
        return String.valueOf(key);
    }
}
