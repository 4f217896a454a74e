package dev.chaosagent.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the report writes times, shares and durations, the same in the text, the tables and the chart. */
final class Format {

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter UTC_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Format() {
    }

    /** An offset from the start: {@code +1:05.3}. */
    static String offset(double seconds) {
        return (seconds < 0 ? "-" : "+") + clock(Math.abs(seconds), true);
    }

    /** A time on the chart's axis: {@code 1:05}. */
    static String tick(double seconds) {
        return clock(seconds, false);
    }

    private static String clock(double seconds, boolean tenths) {
        long tenthsTotal = Math.round(seconds * 10);
        if (!tenths) {
            tenthsTotal = Math.round(seconds) * 10;
        }
        long whole = tenthsTotal / 10;
        String text = (whole / 3600 > 0 ? whole / 3600 + ":" + two((whole / 60) % 60) : Long.toString(whole / 60)) + ":" + two(whole % 60);
        return tenths ? text + "." + tenthsTotal % 10 : text;
    }

    private static String two(long value) {
        return value < 10 ? "0" + value : Long.toString(value);
    }

    static String utcTime(Instant time) {
        return UTC_TIME.format(time);
    }

    static String utcDateTime(Instant time) {
        return UTC_DATE_TIME.format(time) + " UTC";
    }

    /** A ratio as a percentage with no more decimals than it needs, up to two: {@code 99.5%}, {@code 100%}. */
    static String percent(Double ratio) {
        if (ratio == null || ratio.isNaN()) {
            return "–";
        }
        String text = decimals(ratio * 100, 2);
        return (text.equals("100") && ratio < 1 ? "99.99" : text) + "%";
    }

    /** Milliseconds: {@code 812 ms}, {@code 12.5 s} from 10 s on. */
    static String millis(Double millis) {
        if (millis == null || millis.isNaN()) {
            return "–";
        }
        return millis >= 10_000 ? decimals(millis / 1000, 1) + " s" : decimals(millis, millis < 10 ? 1 : 0) + " ms";
    }

    /** A duration as the plan writes it: {@code 2m}, {@code 1m30s}, {@code 500ms}. */
    static String duration(Double millis) {
        if (millis == null) {
            return "–";
        }
        long ms = Math.round(millis);
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long seconds = ms / 1000;
        StringBuilder text = new StringBuilder();
        if (seconds >= 3600) {
            text.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            text.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 != 0 || seconds == 0) {
            text.append(seconds % 60).append('s');
        }
        return text.toString();
    }

    /** Seconds between two moments, to the millisecond: {@code 3 ms}, {@code 1.250 s}. */
    static String gap(double seconds) {
        return seconds < 1 ? Math.round(seconds * 1000) + " ms" : decimals(seconds, 3) + " s";
    }

    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count).replace(',', '\u202f');
    }

    /** Up to {@code max} decimals, trailing zeros dropped. */
    static String decimals(double value, int max) {
        String text = String.format(Locale.ROOT, "%." + max + "f", value);
        if (text.contains(".")) {
            text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return text.equals("-0") ? "0" : text;
    }
}
