package dev.chaosagent.preset.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;

/**
 * A request of the JDK's {@code java.net.http.HttpClient}, at {@code send} and {@code sendAsync}:
 * the module is the JDK's, so the agent reads it with its own types.
 */
final class JdkClientCall extends HttpOperation {

    private final HttpRequest request;
    private final HttpResponse.BodyHandler<?> handler;

    JdkClientCall(HttpRequest request, HttpResponse.BodyHandler<?> handler) {
        this.request = request;
        this.handler = handler;
    }

    @Override
    public String method() {
        return request.method();
    }

    @Override
    public String path() {
        String path = request.uri().getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    @Override
    public String host() {
        return request.uri().getHost();
    }

    @Override
    public int port() {
        return portOf(request.uri().getScheme(), request.uri().getPort());
    }


    /**
     * The response the caller gets instead of sending: {@code status}, no header, an empty body
     * made by the caller's own body handler (so a {@code String}, a file or a stream, as it asked);
     * {@code sendAsync} gets it as a completed future.
     */
    @Override
    Object answer(int status, String returnType) throws Exception {
        HttpResponse<?> response = respond(request, handler, status);
        return returnType.equals("void") || returnType.equals(HttpResponse.class.getName())
                ? response : java.util.concurrent.CompletableFuture.completedFuture(response);
    }

    private static <T> HttpResponse<T> respond(HttpRequest request, HttpResponse.BodyHandler<T> handler, int status) throws Exception {
        HttpHeaders headers = HttpHeaders.of(Map.of(), (name, value) -> true);
        HttpResponse.BodySubscriber<T> subscriber = handler.apply(new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public HttpHeaders headers() {
                return headers;
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        });
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        subscriber.onNext(List.<ByteBuffer>of());
        subscriber.onComplete();
        T body = subscriber.getBody().toCompletableFuture().get(1, TimeUnit.SECONDS);
        return new Answered<>(request, status, headers, body);
    }

    /** What {@link #answer} returns: a response that no server sent. */
    private record Answered<T>(HttpRequest request, int statusCode, HttpHeaders headers, T body) implements HttpResponse<T> {

        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
