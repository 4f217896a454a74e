package dev.chaosagent.preset.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a SQL text as the {@code jdbc} preset needs it: the statement's type and the tables it
 * names after FROM, JOIN, INTO, UPDATE, USING, MERGE INTO (and after TABLE in DDL). A lexer, not a
 * parser, after OpenTelemetry's {@code SqlStatementSanitizer}: comments, string literals (with
 * PostgreSQL's dollar quotes) and quoted identifiers are read as single tokens, so a keyword inside
 * them is never taken for one; an alias is never a table; a FROM inside a function's parentheses
 * ({@code extract(year from d)}) is not a clause; the names a WITH clause defines are not tables.
 */
final class SqlClassifier {

    private enum Kind { WORD, QUOTED, DOT, COMMA, OPEN, CLOSE, SEMICOLON, OTHER }

    private record Token(Kind kind, String text) {
        boolean is(String keyword) {
            return kind == Kind.WORD && text.equals(keyword);
        }

        boolean isName() {
            return kind == Kind.QUOTED || (kind == Kind.WORD && !RESERVED.contains(text));
        }
    }

    /** Words that end a table reference: never an alias or a table name when unquoted. */
    private static final Set<String> RESERVED = Set.copyOf(List.of("select", "from", "where", "join", "inner", "left", "right", "full",
            "outer", "cross", "natural", "on", "using", "group", "order", "having", "limit", "offset", "fetch", "union",
            "intersect", "except", "minus", "set", "values", "value", "as", "with", "for", "window", "returning", "into",
            "and", "or", "not", "lateral", "straight_join", "use", "force", "ignore", "partition", "tablesample", "when",
            "then", "else", "end", "default", "do", "only", "qualify", "connect", "start", "lock", "nowait", "skip", "of",
            "key", "where", "if", "exists", "table", "by", "in", "is", "null", "like", "between", "case", "all", "any",
            "some", "distinct", "top", "apply", "pivot", "unpivot", "match", "matched", "delete", "update", "insert",
            "merge", "order", "returning", "conflict", "duplicate", "option", "escape"));

    /** Words after which a parenthesis is not a function's argument list. */
    private static final Set<String> NOT_FUNCTIONS = Set.copyOf(List.of("in", "exists", "from", "join", "as", "values", "value", "on",
            "and", "or", "not", "where", "select", "into", "using", "any", "all", "some", "lateral", "with", "union",
            "intersect", "except", "minus", "having", "when", "then", "else", "set", "returning", "table", "over",
            "materialized", "by", "is", "like", "between", "case"));

    private SqlClassifier() {
    }

    static SqlStatement classify(String sql) {
        List<Token> tokens = tokens(sql);
        Set<String> tables = new LinkedHashSet<>();
        Set<String> defined = new LinkedHashSet<>();
        String type = type(tokens, 0, defined);
        // Whether each open parenthesis is a function's arguments (no clause starts inside it).
        boolean[] functionParens = new boolean[tokens.size() + 1];
        int depth = 0;
        String statementType = type;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            Token previous = i > 0 ? tokens.get(i - 1) : null;
            if (token.kind == Kind.OPEN) {
                functionParens[++depth] = previous != null && previous.kind == Kind.WORD
                        && !RESERVED.contains(previous.text) && !NOT_FUNCTIONS.contains(previous.text);
            } else if (token.kind == Kind.CLOSE) {
                depth = Math.max(0, depth - 1);
            } else if (token.kind == Kind.SEMICOLON) {
                depth = 0;
                statementType = type(tokens, i + 1, defined);
            }
            if (token.kind != Kind.WORD || functionParens[depth]) {
                continue;
            }
            switch (token.text) {
                case "from", "join", "using" -> readTables(tokens, i + 1, true, tables);
                case "into" -> readTables(tokens, i + 1, false, tables);
                case "update" -> {
                    // Not FOR UPDATE (a lock) nor MySQL's ON DUPLICATE KEY UPDATE (columns follow).
                    if (previous == null || !(previous.is("for") || previous.is("key"))) {
                        readTables(tokens, i + 1, true, tables);
                    }
                }
                case "table" -> {
                    if ("ddl".equals(statementType)) {
                        readTables(tokens, skipIfExists(tokens, i + 1), false, tables);
                    }
                }
                case "truncate" -> readTables(tokens, skipIfExists(tokens, i + 1), false, tables);
                case "on" -> {
                    if ("ddl".equals(statementType) && isIndexStatement(tokens, i)) {
                        readTables(tokens, i + 1, false, tables);
                    }
                }
                default -> {
                }
            }
        }
        tables.removeAll(defined);
        return new SqlStatement(type, new ArrayList<>(tables), sql.toLowerCase(Locale.ROOT));
    }

    /** The type of the statement that starts at {@code from}; the names of its WITH clause go to {@code defined}. */
    private static String type(List<Token> tokens, int from, Set<String> defined) {
        int i = from;
        while (i < tokens.size() && (tokens.get(i).kind == Kind.OPEN || tokens.get(i).kind == Kind.OTHER && tokens.get(i).text.equals("{"))) {
            i++;
        }
        if (i >= tokens.size()) {
            return "other";
        }
        Token first = tokens.get(i);
        if (first.kind == Kind.OTHER && first.text.equals("?")) {
            return "call"; // {? = call f(?)}
        }
        if (first.kind != Kind.WORD) {
            return "other";
        }
        if (first.is("with")) {
            return type(tokens, skipWith(tokens, i + 1, defined), defined);
        }
        return switch (first.text) {
            case "select", "values", "table" -> "select";
            case "insert", "replace", "upsert" -> "insert";
            case "update" -> "update";
            case "delete" -> "delete";
            case "merge" -> "merge";
            case "call", "exec", "execute" -> "call";
            case "create", "alter", "drop", "truncate", "rename", "comment" -> "ddl";
            default -> "other";
        };
    }

    /** Skips the common table expressions of a WITH clause, noting their names; returns the index of the main statement. */
    private static int skipWith(List<Token> tokens, int i, Set<String> defined) {
        if (i < tokens.size() && tokens.get(i).is("recursive")) {
            i++;
        }
        while (i < tokens.size() && tokens.get(i).isName()) {
            defined.add(name(tokens.get(i)));
            i++;
            if (i < tokens.size() && tokens.get(i).kind == Kind.OPEN) {
                i = skipParens(tokens, i);
            }
            while (i < tokens.size() && (tokens.get(i).is("as") || tokens.get(i).is("not") || tokens.get(i).is("materialized"))) {
                i++;
            }
            if (i < tokens.size() && tokens.get(i).kind == Kind.OPEN) {
                i = skipParens(tokens, i);
            }
            if (i < tokens.size() && tokens.get(i).kind == Kind.COMMA) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /** The index after the parenthesis that closes the one at {@code open}. */
    private static int skipParens(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            Kind kind = tokens.get(i).kind;
            if (kind == Kind.OPEN) {
                depth++;
            } else if (kind == Kind.CLOSE && --depth == 0) {
                return i + 1;
            }
        }
        return tokens.size();
    }

    private static int skipIfExists(List<Token> tokens, int i) {
        if (i < tokens.size() && tokens.get(i).is("if")) {
            i++;
            if (i < tokens.size() && tokens.get(i).is("not")) {
                i++;
            }
            if (i < tokens.size() && tokens.get(i).is("exists")) {
                i++;
            }
        }
        return i;
    }

    private static boolean isIndexStatement(List<Token> tokens, int on) {
        for (int i = on - 1; i >= 0 && tokens.get(i).kind != Kind.SEMICOLON; i--) {
            if (tokens.get(i).is("index")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads a list of table references from {@code i}: a qualified name, its alias, then a comma and
     * another when {@code list}. A name followed by a parenthesis is a function ({@code generate_series(1, 3)})
     * unless {@code list} is false (the column list of {@code INSERT INTO t (a, b)}).
     */
    private static void readTables(List<Token> tokens, int i, boolean list, Set<String> tables) {
        while (i < tokens.size()) {
            while (i < tokens.size() && (tokens.get(i).is("only") || tokens.get(i).is("lateral") || tokens.get(i).is("table"))) {
                i++;
            }
            if (i >= tokens.size() || !tokens.get(i).isName()) {
                return;
            }
            StringBuilder name = new StringBuilder(name(tokens.get(i++)));
            while (i + 1 < tokens.size() && tokens.get(i).kind == Kind.DOT && tokens.get(i + 1).isName()) {
                name.append('.').append(name(tokens.get(i + 1)));
                i += 2;
            }
            if (list && i < tokens.size() && tokens.get(i).kind == Kind.OPEN) {
                return; // a table function
            }
            tables.add(name.toString());
            if (!list) {
                return;
            }
            if (i < tokens.size() && tokens.get(i).is("as")) {
                i++;
            }
            if (i < tokens.size() && tokens.get(i).isName()) {
                i++; // the alias
            }
            if (i >= tokens.size() || tokens.get(i).kind != Kind.COMMA) {
                return;
            }
            i++;
        }
    }

    private static String name(Token token) {
        return token.text;
    }

    // ---------------------------------------------------------------- the lexer

    /** The tokens, words lower-cased, quoted identifiers unquoted (and lower-cased: SQL matching ignores case). */
    static List<Token> tokens(String sql) {
        List<Token> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = lineEnd(sql, i);
            } else if (c == '#' && (i + 1 >= n || !isWordPart(sql.charAt(i + 1)))) {
                i = lineEnd(sql, i); // MySQL's comment
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = blockCommentEnd(sql, i);
            } else if (c == '\'') {
                i = quoteEnd(sql, i, '\'');
                tokens.add(new Token(Kind.OTHER, "'"));
            } else if (c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                int end = quoteEnd(sql, i, close);
                String inside = sql.substring(i + 1, Math.max(i + 1, end - 1)).replace(String.valueOf(close) + close, String.valueOf(close));
                tokens.add(new Token(Kind.QUOTED, inside.toLowerCase(Locale.ROOT)));
                i = end;
            } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                i = close < 0 ? n : close + tag.length();
                tokens.add(new Token(Kind.OTHER, "'"));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && isWordPart(sql.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, sql.substring(start, i).toLowerCase(Locale.ROOT)));
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(Kind.OTHER, "0"));
            } else {
                Kind kind = switch (c) {
                    case '.' -> Kind.DOT;
                    case ',' -> Kind.COMMA;
                    case '(' -> Kind.OPEN;
                    case ')' -> Kind.CLOSE;
                    case ';' -> Kind.SEMICOLON;
                    default -> Kind.OTHER;
                };
                tokens.add(new Token(kind, String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '#' || c == '@';
    }

    private static int lineEnd(String sql, int i) {
        int end = sql.indexOf('\n', i);
        return end < 0 ? sql.length() : end + 1;
    }

    private static int blockCommentEnd(String sql, int i) {
        int depth = 0;
        int n = sql.length();
        while (i < n) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                i += 2;
                if (--depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    /** The index after the closing quote of the quoted text at {@code i}; a doubled quote stands for itself. */
    private static int quoteEnd(String sql, int i, char close) {
        int n = sql.length();
        i++;
        while (i < n) {
            char c = sql.charAt(i++);
            if (c == close) {
                if (i < n && sql.charAt(i) == close) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return n;
    }

    /** The index after the opening tag of a dollar-quoted string at {@code i} ({@code $$} or {@code $tag$}), or -1. */
    private static int dollarTagEnd(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            if (Character.isDigit(sql.charAt(j)) && j == i + 1) {
                return -1; // $1: a parameter
            }
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? j + 1 : -1;
    }
}
