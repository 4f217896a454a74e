package dev.chaosagent.preset.http;

import dev.chaosagent.fault.ExceptionFault;
import dev.chaosagent.fault.Fault;
import dev.chaosagent.preset.Operand;
import dev.chaosagent.preset.PresetKey;
import dev.chaosagent.preset.PresetMethod;
import java.util.List;

/**
 * {@code preset=http-client}: one HTTP request a client sends, bound where the request leaves the
 * library's API and before any interceptor or connection:
 * <ul>
 * <li>Spring's {@code RestClient} and {@code RestTemplate}: {@code ClientHttpRequest#execute()},
 * before their interceptors and whatever client the request factory wraps (that client's bound
 * call is then inside the same operation);</li>
 * <li>the JDK's {@code HttpClient#send} and {@code sendAsync} (its facade delegates to its
 * implementation inside the same call);</li>
 * <li>OkHttp 4 and 5: {@code RealCall#getResponseWithInterceptorChain}, which both {@code execute}
 * and an enqueued call's worker run, before the application and network interceptors; a fault on an
 * enqueued call reaches its callback as OkHttp's own failure would;</li>
 * <li>Apache HttpClient 5 (classic): {@code CloseableHttpClient#doExecute}, where every
 * {@code execute} overload ends;</li>
 * <li>Spring's {@code WebClient}: {@code ExchangeFunction#exchange}, the exchange function its
 * filters wrap (they have run when the request is answered), which returns a {@code Mono}.</li>
 * </ul>
 * The default fault is the connection error the libraries throw when nothing listens:
 * {@code java.net.ConnectException} (Spring wraps it in its {@code ResourceAccessException}).
 */
public final class HttpClientPreset extends HttpPreset {

    public static final HttpClientPreset INSTANCE = new HttpClientPreset();

    private HttpClientPreset() {
        super("http-client", List.of(
                PresetMethod.of("org.springframework.http.client.ClientHttpRequest+#execute()", Operand.receiver()),
                PresetMethod.of("java.net.http.HttpClient+#send", Operand.arguments()),
                PresetMethod.of("java.net.http.HttpClient+#sendAsync", Operand.arguments()),
                PresetMethod.of("okhttp3.**RealCall#getResponseWithInterceptorChain*()", Operand.receiver()),
                PresetMethod.of("org.apache.hc.client5.http.impl.classic.CloseableHttpClient+#doExecute(org.apache.hc.core5.http.HttpHost,"
                        + "org.apache.hc.core5.http.ClassicHttpRequest,org.apache.hc.core5.http.protocol.HttpContext)", Operand.arguments()),
                PresetMethod.of("org.springframework.web.reactive.function.client.ExchangeFunction+#exchange("
                        + "org.springframework.web.reactive.function.client.ClientRequest)", Operand.argument(0))));
    }

    @Override
    public PresetKey key(String key) {
        return switch (key) {
            case "http.method" -> HttpKeys.METHOD;
            case "http.host" -> HttpKeys.HOST;
            case "http.path" -> HttpKeys.PATH;
            default -> null;
        };
    }

    @Override
    public List<String> keyNames() {
        return List.of("http.method", "http.host", "http.path");
    }

    @Override
    public Fault defaultFault(ClassLoader loader) {
        return ExceptionFault.of("java.net.ConnectException", "chaos: connection refused", loader);
    }

    @Override
    public String library() {
        return "an HTTP client (the JDK's java.net.http, OkHttp 4-5, Apache HttpClient 5, Spring's RestClient/RestTemplate/WebClient)";
    }

    /** The JDK's own client is there unless a trimmed runtime left its module out. */
    @Override
    public List<String> libraryMarkers() {
        return List.of("java/net/http/HttpClient.class", "okhttp3/OkHttpClient.class",
                "org/apache/hc/client5/http/impl/classic/CloseableHttpClient.class", "org/springframework/http/client/ClientHttpRequest.class");
    }
}
