package dev.chaosagent.preset.http;

/**
 * Tells which library's request an operand is (the operand a bound method passes: its receiver, its
 * parameter, or all its parameters), and reads it as an {@link HttpOperation}.
 */
final class HttpOperations {

    private HttpOperations() {
    }

    /** The operation, or null when the operand is none the HTTP presets know (or no new request). */
    static HttpOperation of(Object operand) {
        if (operand instanceof Object[] arguments) {
            if (arguments.length >= 2 && arguments[0] instanceof java.net.http.HttpRequest request) {
                return new JdkClientCall(request, (java.net.http.HttpResponse.BodyHandler<?>) arguments[1]);
            }
            if (arguments.length == 2 && arguments[0] != null && LibraryMethods.isA(arguments[0], ServletExchange.REQUEST)) {
                return ServletExchange.of(arguments[0], arguments[1]);
            }
            if (arguments.length == 2 && arguments[0] != null && LibraryMethods.isA(arguments[0], WebFluxExchange.REQUEST)) {
                return new WebFluxExchange(arguments[0], arguments[1]);
            }
            if (arguments.length == 3 && arguments[1] != null && LibraryMethods.isA(arguments[1], ApacheClientCall.REQUEST)) {
                return new ApacheClientCall(arguments[0], arguments[1]);
            }
            return null;
        }
        if (operand == null) {
            return null;
        }
        if (LibraryMethods.isA(operand, JdkServerExchange.EXCHANGE)) {
            return new JdkServerExchange(operand);
        }
        if (LibraryMethods.isA(operand, OkHttpCall.CALL)) {
            return new OkHttpCall(operand);
        }
        if (LibraryMethods.isA(operand, SpringClientRequest.REQUEST)) {
            return new SpringClientRequest(operand);
        }
        if (LibraryMethods.isA(operand, WebClientRequest.REQUEST)) {
            return new WebClientRequest(operand);
        }
        return null;
    }
}
