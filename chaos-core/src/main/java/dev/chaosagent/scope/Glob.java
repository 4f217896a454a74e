package dev.chaosagent.scope;

/**
 * A pattern of the scope keys: {@code *} matches any run of characters, {@code ?} exactly one,
 * everything else itself. A pattern without wildcards compares as text, and as a number against a
 * primitive, so that {@code arg0=42} costs no allocation on an {@code int} parameter.
 */
public final class Glob {

    private final String pattern;
    private final boolean literal;
    /** The literal as a whole number, when it is one as {@code Long.toString} would write it. */
    private final Long wholeNumber;

    private Glob(String pattern) {
        this.pattern = pattern;
        this.literal = pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0;
        this.wholeNumber = literal ? wholeNumber(pattern) : null;
    }

    public static Glob of(String pattern) {
        return new Glob(pattern);
    }

    public boolean matches(CharSequence text) {
        if (literal) {
            return pattern.contentEquals(text);
        }
        return matches(text, 0, 0);
    }

    /** Whether the decimal text of {@code value} matches, as {@code String.valueOf} would write it. */
    public boolean matchesWhole(long value) {
        if (literal) {
            return wholeNumber != null && wholeNumber == value;
        }
        return matches(Long.toString(value));
    }

    @Override
    public String toString() {
        return pattern;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Glob glob && glob.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    /** Backtracks only over the last {@code *} seen, which keeps the match linear in practice. */
    private boolean matches(CharSequence text, int t, int p) {
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                t++;
                p++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static Long wholeNumber(String text) {
        try {
            long value = Long.parseLong(text);
            return Long.toString(value).equals(text) ? value : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
