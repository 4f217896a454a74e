package dev.chaosagent.preset.http;

/**
 * A request of OkHttp 4 or 5, at {@code RealCall#getResponseWithInterceptorChain}: the one place
 * both {@code execute} and {@code enqueue} go through, before the application interceptors; its
 * failure reaches an enqueued call's callback as OkHttp's own would.
 */
final class OkHttpCall extends HttpOperation {

    static final String CALL = "okhttp3.Call";
    private static final String REQUEST = "okhttp3.Request";
    private static final String URL = "okhttp3.HttpUrl";
    private static final String BUILDER = "okhttp3.Response$Builder";
    private static final Class<?>[] STRING = {String.class};
    private static final Class<?>[] INT = {int.class};

    private final Object call;
    private final Object request;

    OkHttpCall(Object call) {
        this.call = call;
        this.request = LibraryMethods.call(call, CALL, "request");
    }

    @Override
    public String method() {
        return (String) LibraryMethods.call(request, REQUEST, "method");
    }

    @Override
    public String path() {
        return (String) LibraryMethods.call(url(), URL, "encodedPath");
    }

    @Override
    public String host() {
        return (String) LibraryMethods.call(url(), URL, "host");
    }

    @Override
    public int port() {
        return (Integer) LibraryMethods.call(url(), URL, "port");
    }


    private Object url() {
        return LibraryMethods.call(request, REQUEST, "url");
    }

    /** The response the call gets instead of sending: {@code status}, an empty body, for the call's own request. */
    @Override
    Object answer(int status, String returnType) throws ReflectiveOperationException {
        Class<?> builderType = LibraryMethods.load(call, BUILDER);
        Class<?> protocolType = LibraryMethods.load(call, "okhttp3.Protocol");
        Class<?> bodyType = LibraryMethods.load(call, "okhttp3.ResponseBody");
        Class<?> mediaType = LibraryMethods.load(call, "okhttp3.MediaType");
        Object companion = bodyType.getField("Companion").get(null);
        Object body = LibraryMethods.call(companion, "okhttp3.ResponseBody$Companion", "create",
                new Class<?>[] {byte[].class, mediaType}, new byte[0], null);
        Object builder = builderType.getConstructor().newInstance();
        LibraryMethods.call(builder, BUILDER, "request", new Class<?>[] {LibraryMethods.load(call, REQUEST)}, request);
        LibraryMethods.call(builder, BUILDER, "protocol", new Class<?>[] {protocolType}, protocolType.getField("HTTP_1_1").get(null));
        LibraryMethods.call(builder, BUILDER, "code", INT, status);
        LibraryMethods.call(builder, BUILDER, "message", STRING, "chaos");
        LibraryMethods.call(builder, BUILDER, "body", new Class<?>[] {bodyType}, body);
        return LibraryMethods.call(builder, BUILDER, "build");
    }
}
