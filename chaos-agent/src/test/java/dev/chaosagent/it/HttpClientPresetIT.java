package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.http.HttpApp;
import com.sun.net.httpserver.HttpServer;
import dev.chaosagent.harness.ForkedJvm;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code http-client} preset on real clients, each version of the matrix in one JVM of its own,
 * against a server in this JVM that counts what reaches it: a status fault answers exactly the
 * requests in scope and sends nothing, the default fault is a connection error and sends nothing,
 * every request counts once (OkHttp's interceptors included), and removing the rules restores the client.
 */
class HttpClientPresetIT {

    /** A delayed sendAsync's answer: the whole command's time, then how long sendAsync itself took. */
    private static final Pattern TIMED = Pattern.compile("ok \\((\\d+)ms\\) 200 served /api/albums/\\d+ \\[returned in (\\d+)ms\\]");

    private HttpServer server;
    private final AtomicInteger received = new AtomicInteger();
    private String base;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.incrementAndGet();
            byte[] body = ("served " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Each client version, with the client commands of the fixture that drive it. */
    static Stream<String> clients() throws Exception {
        return Stream.of(Stream.of("jdk"), HttpLibraries.versionsOf("okhttp"), HttpLibraries.versionsOf("httpclient5"))
                .flatMap(versions -> versions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void aStatusOrAConnectionErrorReachesTheRequestsInScopeAndNothingIsSent(String client) throws Exception {
        List<Path> jars = client.equals("jdk") ? List.of() : HttpLibraries.jars(client);
        List<String> commands = switch (client.replaceFirst("-.*", "")) {
            case "jdk" -> List.of("jdk", "jdk-async");
            case "okhttp" -> List.of("okhttp", "okhttp-async");
            default -> List.of("apache");
        };
        try (ForkedJvm app = ForkedJvm.application("", HttpApp.class, jars)) {
            for (String command : commands) {
                assertThat(send(app, command, "GET", "/api/albums?page=2")).as(command).startsWith("ok 200 served /api/albums");
            }
            int sent = commands.size();
            assertThat(received).hasValue(sent);

            assertThat(app.result("addRule name=catalog-teapot preset=http-client http.host=127.0.0.1 http.method=GET"
                    + " http.path=/api/* status=418")).isEqualTo("ok catalog-teapot");
            assertThat(app.result("addRule name=other-port preset=http-client http.host=127.0.0.1:1 status=500"))
                    .isEqualTo("ok other-port");
            assertThat(app.result("addRule name=by-name preset=http-client http.host=localhost status=500"))
                    .isEqualTo("ok by-name");
            assertThat(app.result("addRule name=posts-refused preset=http-client http.method=post")).isEqualTo("ok posts-refused");

            for (String command : commands) {
                assertThat(send(app, command, "GET", "/api/albums/7?fields=title")).as(command).startsWith("ok 418");
                assertThat(send(app, command, "POST", "/orders")).as(command).startsWith("err java.net.ConnectException");
                assertThat(send(app, command, "GET", "/health")).as(command).startsWith("ok 200 served /health");
            }
            int perCommand = commands.size();
            assertThat(received).as("only the requests out of scope reached the server").hasValue(sent + perCommand);
            assertThat(app.result("calls catalog-teapot")).isEqualTo("ok " + perCommand);
            assertThat(app.result("injections catalog-teapot")).isEqualTo("ok " + perCommand);
            assertThat(app.result("calls posts-refused")).isEqualTo("ok " + perCommand);
            assertThat(app.result("calls other-port")).isEqualTo("ok 0");
            assertThat(app.result("calls by-name")).isEqualTo("ok 0");

            for (String rule : List.of("catalog-teapot", "other-port", "by-name", "posts-refused")) {
                assertThat(app.result("removeRule " + rule)).isEqualTo("ok true");
            }
            app.awaitStderr("original bytecode restored");
            for (String command : commands) {
                assertThat(send(app, command, "POST", "/orders")).as(command).startsWith("ok 200 served /orders");
            }
            assertThat(received).hasValue(sent + 2 * perCommand);
        }
    }

    /**
     * {@code sendAsync} is asynchronous (contract sections 11 and 12): the preset's latency delays its
     * future and its default fault fails it, and neither holds up nor throws in the calling thread.
     */
    @Test
    void theJdkSendAsyncIsDelayedAndRefusedThroughItsFuture() throws Exception {
        try (ForkedJvm app = ForkedJvm.application("", HttpApp.class, List.of())) {
            assertThat(send(app, "jdk-async", "GET", "/warm-up")).startsWith("ok 200 served /warm-up");
            assertThat(app.result("addRule name=slow-catalog preset=http-client http.path=/api/* latency=300ms"))
                    .isEqualTo("ok slow-catalog");
            assertThat(app.result("addRule name=orders-refused preset=http-client http.method=POST http.path=/orders"))
                    .isEqualTo("ok orders-refused");

            int delayed = 5;
            List<String> figures = new ArrayList<>();
            for (int i = 0; i < delayed; i++) {
                String answer = app.call("send jdk-async GET " + base + "/api/albums/" + i);
                Matcher timed = TIMED.matcher(answer);
                assertThat(timed.matches()).as(answer).isTrue();
                long completed = Long.parseLong(timed.group(1));
                long returned = Long.parseLong(timed.group(2));
                figures.add("returned " + returned + "ms, completed " + completed + "ms");
                assertThat(returned).as("sendAsync returned at once: " + figures).isLessThan(200);
                assertThat(completed).as("its future completed 300 ms late: " + figures).isGreaterThanOrEqualTo(300);
            }
            System.out.println("sendAsync under latency=300ms: " + figures);
            assertThat(send(app, "jdk-async", "POST", "/orders")).as("a failed future, not a throw in the calling thread")
                    .isEqualTo("err java.net.ConnectException: chaos: connection refused");
            assertThat(send(app, "jdk-async", "GET", "/health")).startsWith("ok 200 served /health");

            assertThat(received).as("the warm-up, the delayed requests and /health; the refused one was not sent")
                    .hasValue(1 + delayed + 1);
            assertThat(app.result("calls slow-catalog")).isEqualTo("ok " + delayed);
            assertThat(app.result("injections slow-catalog")).isEqualTo("ok " + delayed);
            assertThat(app.result("calls orders-refused")).isEqualTo("ok 1");
            assertThat(app.result("injections orders-refused")).isEqualTo("ok 1");
        }
    }

    private String send(ForkedJvm app, String command, String method, String path) {
        return app.result("send " + command + " " + method + " " + base + path);
    }
}
