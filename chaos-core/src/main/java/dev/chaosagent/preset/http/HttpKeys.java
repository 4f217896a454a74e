package dev.chaosagent.preset.http;

import dev.chaosagent.preset.PresetKey;
import dev.chaosagent.rule.InvalidRuleException;
import dev.chaosagent.scope.Glob;
import java.util.Locale;
import java.util.regex.Pattern;

/** The scope keys of the HTTP presets, matched against an {@link HttpOperation}. */
final class HttpKeys {

    static final PresetKey METHOD = new MethodKey();
    static final PresetKey PATH = new PathKey();
    static final PresetKey HOST = new HostKey();
    static final String HEADER = "http.header.";

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    private HttpKeys() {
    }

    /** {@code http.header.NAME}: the key for that header, or null when {@code key} names no header. */
    static PresetKey header(String key) {
        if (!key.startsWith(HEADER)) {
            return null;
        }
        String name = key.substring(HEADER.length());
        if (!HEADER_NAME.matcher(name).matches()) {
            throw new InvalidRuleException(key, null, "names no header (expected http.header.NAME with NAME a header name, like http.header.X-Tenant)");
        }
        return new HeaderKey(key, name);
    }

    /** {@code http.method}, case-insensitive: the pattern is upper-cased, as methods are sent. */
    private static final class MethodKey implements PresetKey {
        @Override
        public String name() {
            return "http.method";
        }

        @Override
        public Glob pattern(String value) {
            return Glob.of(value.toUpperCase(Locale.ROOT));
        }

        @Override
        public boolean matches(Object operation, Glob pattern) {
            String method = ((HttpOperation) operation).method();
            return method != null && (pattern.matches(method) || pattern.matches(method.toUpperCase(Locale.ROOT)));
        }
    }

    /** {@code http.path}: the path without the query, case-sensitive; {@code *} crosses {@code /}. */
    private static final class PathKey implements PresetKey {
        @Override
        public String name() {
            return "http.path";
        }

        @Override
        public boolean matches(Object operation, Glob pattern) {
            String path = ((HttpOperation) operation).path();
            return path != null && pattern.matches(path);
        }
    }

    /** {@code http.host}: {@code host} matches any port, {@code host:port} that port only. */
    private static final class HostKey implements PresetKey {
        @Override
        public String name() {
            return "http.host";
        }

        @Override
        public Glob pattern(String value) {
            return Glob.of(value.toLowerCase(Locale.ROOT));
        }

        @Override
        public boolean matches(Object operation, Glob pattern) {
            HttpOperation request = (HttpOperation) operation;
            String host = request.host();
            if (host == null) {
                return false;
            }
            host = host.toLowerCase(Locale.ROOT);
            return pattern.matches(host) || pattern.toString().indexOf(':') >= 0 && pattern.matches(host + ':' + request.port());
        }
    }

    /** {@code http.header.NAME}: the request's first value of that header (names ignore case). */
    private record HeaderKey(String name, String header) implements PresetKey {
        @Override
        public boolean matches(Object operation, Glob pattern) {
            String value = ((HttpOperation) operation).header(header);
            return value != null && pattern.matches(value);
        }
    }
}
