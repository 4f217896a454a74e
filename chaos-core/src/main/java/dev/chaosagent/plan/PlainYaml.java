package dev.chaosagent.plan;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the YAML that plans are written in (block and one-line flow maps and lists, plain and
 * quoted scalars, comments) into the same maps, lists and values as SnakeYAML's safe loader, and
 * {@linkplain #DECLINED declines} everything else (anchors, tags, multi-line scalars, document
 * markers, anything odd), which then goes to SnakeYAML: the start-up rules (ARCHITECTURE.md) keep
 * SnakeYAML off the premain thread for the plans people write.
 *
 * <p>Plain scalars are typed as YAML 1.1 types them (SnakeYAML's reading): null, booleans, whole
 * numbers and decimals in their plain forms, timestamps to the second ({@code 2026-12-01T18:00:00Z},
 * as a {@code java.util.Date}), strings; a scalar that might be any other form of number or
 * timestamp is declined rather than guessed. A test compares the two readers on
 * thousands of mutated plans.
 */
final class PlainYaml {

    /** Returned when the text is outside this subset (or not valid YAML): SnakeYAML decides. */
    static final Object DECLINED = new Object();

    private static final Set<String> NULLS = Set.of("~", "null", "Null", "NULL");
    private static final Set<String> TRUE = Set.of("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON");
    private static final Set<String> FALSE = Set.of("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF");
    /** Anything YAML 1.1 might read as a number or a timestamp, in any of its forms. */
    private static final Pattern NUMBER_LIKE = Pattern.compile("[-+]?[._0-9][0-9a-fA-FxXoObB_:.eE+\\-tTzZ ]*|[-+]?\\.[a-zA-Z]+");
    private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    private static final Pattern FLOAT = Pattern.compile("[-+]?((0|[1-9][0-9]*)(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    /** A date, or a date and time to the second in UTC or at an offset: the forms a plan's {@code expires} takes. */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:Z|([-+])([0-9]{2}):([0-9]{2})))?");

    private final List<Line> lines = new ArrayList<>();
    private int next;

    private PlainYaml() {
    }

    /** The document, or {@link #DECLINED}. */
    static Object read(String text) {
        PlainYaml reader = new PlainYaml();
        try {
            if (!reader.split(text)) {
                return DECLINED;
            }
            if (reader.lines.isEmpty()) {
                return null;
            }
            Object document = reader.block(reader.lines.get(0).indent);
            return reader.next == reader.lines.size() ? document : DECLINED;
        } catch (Declined e) {
            return DECLINED;
        }
    }

    /** One line with content: its indentation and its text without the comment. */
    private record Line(int indent, String text) {
    }

    private boolean split(String text) {
        if (hasSpecialCharacters(text)) {
            return false;
        }
        String unix = text.replace("\r\n", "\n");
        if (unix.indexOf('\r') >= 0) {
            return false; // a lone carriage return is a line break too
        }
        for (String line : unix.split("\n", -1)) {
            if (line.indexOf('\t') >= 0 || line.startsWith("---") || line.startsWith("...") || line.startsWith("%")) {
                return false;
            }
            String content = stripComment(line);
            if (content == null) {
                return false;
            }
            int indent = 0;
            while (indent < content.length() && content.charAt(indent) == ' ') {
                indent++;
            }
            if (indent < content.length()) {
                lines.add(new Line(indent, content.substring(indent)));
            }
        }
        return true;
    }

    /**
     * The line without its comment and trailing spaces; null when a quote on the line makes it
     * unclear where the comment starts.
     */
    private static String stripComment(String line) {
        int hash = line.startsWith("#") ? 0 : line.indexOf(" #");
        if (hash < 0) {
            return line.stripTrailing();
        }
        if (line.indexOf('"') >= 0 || line.indexOf('\'') >= 0) {
            return null;
        }
        return line.substring(0, hash).stripTrailing();
    }

    /** Characters YAML reads as line breaks or refuses, and the byte order mark: SnakeYAML's business. */
    private static boolean hasSpecialCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean plain = (c >= 0x20 && c <= 0x7E) || c == '\n' || c == '\r' || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (!plain || c == 0xFEFF) {
                return true;
            }
        }
        return false;
    }

    /** The block node whose first line is the next one, at {@code indent}. */
    private Object block(int indent) {
        Line first = lines.get(next);
        if (first.indent != indent) {
            throw Declined.INSTANCE;
        }
        if (isItem(first.text)) {
            return sequence(indent);
        }
        if (entryColon(first.text) >= 0) {
            return mapping(indent);
        }
        next++;
        return value(first.text);
    }

    private List<Object> sequence(int indent) {
        List<Object> items = new ArrayList<>();
        while (next < lines.size() && lines.get(next).indent == indent && isItem(lines.get(next).text)) {
            Line line = lines.get(next);
            String rest = line.text.substring(1);
            String item = rest.stripLeading();
            if (item.isEmpty()) {
                next++;
                items.add(nested(indent, false));
            } else {
                // "- key: value" starts a map whose entries line up with "key".
                int column = indent + 1 + (rest.length() - item.length());
                lines.set(next, new Line(column, item));
                items.add(block(column));
            }
        }
        return items;
    }

    private Map<Object, Object> mapping(int indent) {
        Map<Object, Object> map = new LinkedHashMap<>();
        while (next < lines.size() && lines.get(next).indent == indent) {
            String text = lines.get(next).text;
            int colon = entryColon(text);
            if (colon < 0) {
                throw Declined.INSTANCE;
            }
            Object key = scalar(text.substring(0, colon).stripTrailing());
            if (!(key instanceof String) || map.containsKey(key)) {
                throw Declined.INSTANCE;
            }
            String rest = text.substring(colon + 1).strip();
            next++;
            map.put(key, rest.isEmpty() ? nested(indent, true) : value(rest));
        }
        return map;
    }

    /** The value of a key or item whose line ends there: a deeper block, a list at the key's indent, or null. */
    private Object nested(int indent, boolean sequenceAtSameIndent) {
        if (next < lines.size()) {
            Line line = lines.get(next);
            if (line.indent > indent || (sequenceAtSameIndent && line.indent == indent && isItem(line.text))) {
                return block(line.indent);
            }
        }
        return null;
    }

    private static boolean isItem(String text) {
        return text.equals("-") || text.startsWith("- ");
    }

    /** Where {@code key:} ends in a map entry ({@code key: value} or {@code key:}), or -1. */
    private static int entryColon(String text) {
        char first = text.charAt(0);
        if (first == '"' || first == '\'') {
            int close = closingQuote(text, 0);
            if (close < 0) {
                throw Declined.INSTANCE;
            }
            int colon = close + 1;
            return colon < text.length() && text.charAt(colon) == ':' && (colon + 1 == text.length() || text.charAt(colon + 1) == ' ')
                    ? colon : -1;
        }
        if (first == '[' || first == '{') {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ':' && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }

    /** A value written on one line: a flow list or map, or a scalar. */
    private static Object value(String text) {
        char first = text.charAt(0);
        if (first == '[' || first == '{') {
            Flow flow = new Flow(text);
            Object value = flow.value();
            if (flow.at != text.length()) {
                throw Declined.INSTANCE;
            }
            return value;
        }
        if (entryColon(text) >= 0) {
            throw Declined.INSTANCE; // "a: b: c" is an error SnakeYAML reports better
        }
        return scalar(text);
    }

    private static Object scalar(String text) {
        if (text.isEmpty()) {
            return null;
        }
        char first = text.charAt(0);
        if (first == '\'' || first == '"') {
            if (closingQuote(text, 0) != text.length() - 1) {
                throw Declined.INSTANCE;
            }
            return first == '\'' ? text.substring(1, text.length() - 1).replace("''", "'") : unescape(text);
        }
        boolean indicator = "-?:".indexOf(first) >= 0 && (text.length() == 1 || text.charAt(1) == ' ');
        if (indicator || "&*!|>%@`,[]{}?#".indexOf(first) >= 0) {
            throw Declined.INSTANCE;
        }
        return typed(text);
    }

    /** A plain scalar, typed as YAML 1.1 types it, for the common types; other forms are declined. */
    private static Object typed(String text) {
        if (NULLS.contains(text)) {
            return null;
        }
        if (TRUE.contains(text)) {
            return Boolean.TRUE;
        }
        if (FALSE.contains(text)) {
            return Boolean.FALSE;
        }
        if ("<=yYnN".indexOf(text.charAt(0)) >= 0 && text.length() == 1 || text.startsWith("<<")) {
            throw Declined.INSTANCE;
        }
        if (!NUMBER_LIKE.matcher(text).matches()) {
            return text;
        }
        if (INT.matcher(text).matches()) {
            BigInteger number = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
            if (number.bitLength() < 32) {
                return number.intValue();
            }
            return number.bitLength() < 64 ? (Object) number.longValue() : number;
        }
        if (FLOAT.matcher(text).matches()) {
            boolean negative = text.startsWith("-");
            double magnitude = Double.parseDouble(negative || text.startsWith("+") ? text.substring(1) : text);
            return negative ? -magnitude : magnitude;
        }
        Matcher timestamp = TIMESTAMP.matcher(text);
        if (timestamp.matches()) {
            return timestamp(timestamp);
        }
        throw Declined.INSTANCE;
    }

    /**
     * The instant as SnakeYAML's {@code java.util.Date}. Out-of-range fields, which SnakeYAML's
     * lenient calendar rolls over, and years before the Gregorian calendar are declined.
     */
    private static Date timestamp(Matcher timestamp) {
        int year = Integer.parseInt(timestamp.group(1));
        if (year < 1600) {
            throw Declined.INSTANCE;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, Integer.parseInt(timestamp.group(2)), Integer.parseInt(timestamp.group(3))).toEpochDay();
        } catch (DateTimeException e) {
            throw Declined.INSTANCE;
        }
        long seconds = epochDay * 86_400;
        if (timestamp.group(4) != null) {
            seconds += within(timestamp.group(4), 23) * 3600L + within(timestamp.group(5), 59) * 60L + within(timestamp.group(6), 59);
            if (timestamp.group(7) != null) {
                int offset = within(timestamp.group(8), 23) * 3600 + within(timestamp.group(9), 59) * 60;
                seconds -= timestamp.group(7).equals("-") ? -offset : offset;
            }
        }
        return new Date(seconds * 1000);
    }

    private static int within(String digits, int max) {
        int value = Integer.parseInt(digits);
        if (value > max) {
            throw Declined.INSTANCE;
        }
        return value;
    }

    /** The index of the quote that closes the one at {@code open}, or -1. */
    private static int closingQuote(String text, int open) {
        char quote = text.charAt(open);
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote) {
                if (quote == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /** A double-quoted scalar with the common escapes; others are declined. */
    private static String unescape(String quoted) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = quoted.charAt(++i);
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                default -> throw Declined.INSTANCE;
            }
        }
        return out.toString();
    }

    /** A one-line flow collection: {@code [a, b]} or {@code {k: v, k: v}}, nested or not. */
    private static final class Flow {
        private final String text;
        private int at;

        Flow(String text) {
            this.text = text;
        }

        Object value() {
            skipSpaces();
            if (at >= text.length()) {
                throw Declined.INSTANCE;
            }
            char c = text.charAt(at);
            if (c == '[') {
                return list();
            }
            if (c == '{') {
                return map();
            }
            return scalarValue();
        }

        private List<Object> list() {
            List<Object> list = new ArrayList<>();
            at++;
            skipSpaces();
            if (peek() == ']') {
                at++;
                return list;
            }
            while (true) {
                list.add(value());
                skipSpaces();
                char c = peek();
                at++;
                if (c == ']') {
                    return list;
                }
                if (c != ',') {
                    throw Declined.INSTANCE;
                }
            }
        }

        private Map<Object, Object> map() {
            Map<Object, Object> map = new LinkedHashMap<>();
            at++;
            skipSpaces();
            if (peek() == '}') {
                at++;
                return map;
            }
            while (true) {
                skipSpaces();
                Object key = scalarValue();
                if (!(key instanceof String) || map.containsKey(key) || peek() != ':') {
                    throw Declined.INSTANCE;
                }
                at++;
                if (peek() != ' ') {
                    throw Declined.INSTANCE;
                }
                map.put(key, value());
                skipSpaces();
                char c = peek();
                at++;
                if (c == '}') {
                    return map;
                }
                if (c != ',') {
                    throw Declined.INSTANCE;
                }
            }
        }

        /** A scalar inside a flow collection: quoted, or plain up to {@code ,} {@code ]} {@code }} or {@code ": "}. */
        private Object scalarValue() {
            int start = at;
            char first = peek();
            if (first == '"' || first == '\'') {
                int close = closingQuote(text, at);
                if (close < 0) {
                    throw Declined.INSTANCE;
                }
                at = close + 1;
                return scalar(text.substring(start, at));
            }
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == ',' || c == ']' || c == '}' || c == '[' || c == '{'
                        || (c == ':' && (at + 1 == text.length() || " ,]}".indexOf(text.charAt(at + 1)) >= 0))) {
                    break;
                }
                at++;
            }
            String plain = text.substring(start, at).strip();
            if (plain.isEmpty() || plain.charAt(0) == ':' || plain.charAt(0) == '?') {
                throw Declined.INSTANCE;
            }
            return scalar(plain);
        }

        private char peek() {
            if (at >= text.length()) {
                throw Declined.INSTANCE;
            }
            return text.charAt(at);
        }

        private void skipSpaces() {
            while (at < text.length() && text.charAt(at) == ' ') {
                at++;
            }
        }
    }

    /** Thrown to give up at once; it carries no stack trace (it is control flow, and frequent in fuzzing). */
    private static final class Declined extends RuntimeException {
        static final Declined INSTANCE = new Declined();

        private Declined() {
            super(null, null, false, false);
        }
    }
}
