package dev.chaosagent.preset.http;

/**
 * One HTTP request as the presets see it, read from whichever library carries it: what the scope
 * keys match (each part read when a key asks for it, so a rule that only names {@code http.path}
 * reads no header), and how that library answers a status without the handler running or the
 * request leaving.
 */
public abstract class HttpOperation {

    /** The method as sent, e.g. {@code GET}. */
    public abstract String method();

    /** The path without the query string, as the request wrote it (not decoded). */
    public abstract String path();

    /** The host as the client's URL wrote it (no DNS look-up); null on a server. */
    public String host() {
        return null;
    }

    /** The port a client request goes to (its scheme's default when the URL names none); -1 on a server. */
    public int port() {
        return -1;
    }

    /** The first value of a request header (the name is case-insensitive), or null. */
    public String header(String name) {
        return null;
    }

    /**
     * Answers with {@code status} in the library's own way and returns what the bound method must
     * return instead of running (null for a server's {@code void} method).
     *
     * @param returnType the bound method's return type, as a Java type name: an asynchronous
     *                   method's answer is already complete
     */
    abstract Object answer(int status, String returnType) throws Exception;

    /** The path part of a request target that may carry a query: everything before the first {@code ?}. */
    static String withoutQuery(String target) {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** {@code written}, or the scheme's default port when it is -1 (the URL named none). */
    static int portOf(String scheme, int written) {
        if (written >= 0) {
            return written;
        }
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }
}
