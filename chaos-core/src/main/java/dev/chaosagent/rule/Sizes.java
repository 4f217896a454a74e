package dev.chaosagent.rule;

import java.util.Locale;

/** Sizes in the rule language: a whole number and {@code B}, {@code KB}, {@code MB} or {@code GB} (powers of 1024). */
public final class Sizes {

    private static final String EXPECTED = "is not a size (expected like 512KB, 1MB, 1GB)";

    private Sizes() {
    }

    public static long parse(String key, String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        int unitAt = 0;
        while (unitAt < t.length() && Character.isDigit(t.charAt(unitAt))) {
            unitAt++;
        }
        if (unitAt == 0 || unitAt > 12) {
            throw new InvalidRuleException(key, text, EXPECTED);
        }
        long factor = switch (t.substring(unitAt)) {
            case "B" -> 1L;
            case "KB" -> 1L << 10;
            case "MB" -> 1L << 20;
            case "GB" -> 1L << 30;
            default -> throw new InvalidRuleException(key, text, EXPECTED);
        };
        long amount = Long.parseLong(t.substring(0, unitAt));
        if (amount > (Long.MAX_VALUE >> 31)) {
            throw new InvalidRuleException(key, text, "is too large");
        }
        return amount * factor;
    }

    public static String format(long bytes) {
        if (bytes != 0 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "GB";
        }
        if (bytes != 0 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "MB";
        }
        if (bytes != 0 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + "KB";
        }
        return bytes + "B";
    }
}
