package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.grpc.GrpcApp;
import dev.chaosagent.harness.ForkedJvm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code grpc-client} and {@code grpc-server} presets on grpc-java over Netty on 127.0.0.1, each
 * version of the matrix in a JVM of its own, through blocking, future and async stubs: a faulted
 * client call ends with its status and reaches neither the server's interceptor nor its handler; a
 * faulted server call is closed with its status before any interceptor or handler; each RPC counts
 * once behind a client interceptor's forwarding call; scope is exact; removal restores both. Rules
 * come through JMX and through the plan file.
 */
class GrpcPresetIT {

    private static final List<String> STUBS = List.of("blocking", "future", "async");
    /** A call's answer: the whole command's time, the response, then how long the stub itself took to return. */
    private static final Pattern TIMED = Pattern.compile("ok \\((\\d+)ms\\) shop\\.Catalog/GetAlbum \\d+ \\[returned in (\\d+)ms\\]");

    @TempDir
    Path dir;

    static List<String> versions() throws Exception {
        return GrpcLibraries.versions();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void aFaultedClientCallEndsWithItsStatusAndNothingIsSent(String version) throws Exception {
        try (ForkedJvm app = ForkedJvm.application("", GrpcApp.class, GrpcLibraries.jarsOf(version))) {
            assertThat(app.result("serve")).startsWith("ok ");
            for (String stub : STUBS) {
                assertThat(call(app, stub, "shop.Catalog/GetAlbum", "7")).as(stub).startsWith("ok shop.Catalog/GetAlbum 7");
            }
            assertThat(app.result("handled")).isEqualTo("ok 3");

            assertThat(app.result("addRule name=albums-down preset=grpc-client grpc.method=shop.Catalog/GetAlbum"))
                    .isEqualTo("ok albums-down");
            assertThat(app.result("addRule name=lists-broken preset=grpc-client grpc.method=shop.Catalog/List*"
                    + " exception=java.io.IOException message=\"chaos: reset\"")).isEqualTo("ok lists-broken");
            assertThat(app.result("addRule name=elsewhere preset=grpc-client grpc.method=shop.Catalog")).isEqualTo("ok elsewhere");

            for (String stub : STUBS) {
                assertThat(call(app, stub, "shop.Catalog/GetAlbum", "8")).as(stub)
                        .isEqualTo("err io.grpc.StatusRuntimeException: UNAVAILABLE: injected by chaos-agent rule albums-down");
                assertThat(call(app, stub, "shop.Catalog/ListAlbums", "page-2")).as(stub)
                        .isEqualTo("err io.grpc.StatusRuntimeException: UNKNOWN: java.io.IOException: chaos: reset");
                assertThat(app.result("cause")).as(stub).isEqualTo("ok java.io.IOException: chaos: reset");
                assertThat(call(app, stub, "shop.Orders/Place", "album-8")).as(stub).startsWith("ok shop.Orders/Place album-8");
            }
            assertThat(app.result("intercepted")).as("the server's interceptor saw only the orders").isEqualTo("ok 6");
            assertThat(app.result("handled")).isEqualTo("ok 6");
            assertThat(app.result("clientIntercepted")).as("the client's interceptor ran before the fault").isEqualTo("ok 12");
            assertThat(app.result("calls albums-down")).isEqualTo("ok 3");
            assertThat(app.result("injections albums-down")).isEqualTo("ok 3");
            assertThat(app.result("calls lists-broken")).isEqualTo("ok 3");
            assertThat(app.result("injections lists-broken")).isEqualTo("ok 3");
            assertThat(app.result("calls elsewhere")).isEqualTo("ok 0");

            for (String rule : List.of("albums-down", "lists-broken", "elsewhere")) {
                assertThat(app.result("removeRule " + rule)).isEqualTo("ok true");
            }
            app.awaitStderr("original bytecode restored");
            for (String stub : STUBS) {
                assertThat(call(app, stub, "shop.Catalog/GetAlbum", "9")).as(stub).startsWith("ok shop.Catalog/GetAlbum 9");
                assertThat(call(app, stub, "shop.Catalog/ListAlbums", "page-3")).as(stub).startsWith("ok shop.Catalog/ListAlbums page-3");
            }
            assertThat(app.result("handled")).isEqualTo("ok 12");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void aPlansServerRuleClosesTheCallBeforeItsInterceptorAndHandler(String version) throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: catalog-exhausted
                    preset: grpc-server
                    grpc.method: "shop.Catalog/*"
                    status: RESOURCE_EXHAUSTED
                  - name: orders-unauthenticated
                    preset: grpc-client
                    grpc.method: shop.Orders/Place
                    status: unauthenticated
                """);
        try (ForkedJvm app = ForkedJvm.application("config=" + plan, GrpcApp.class, GrpcLibraries.jarsOf(version))) {
            assertThat(app.result("serve")).startsWith("ok ");
            for (String stub : STUBS) {
                // The channel's first call waits for its name resolution and starts on the channel's executor.
                assertThat(call(app, stub, "shop.Orders/Place", "album-1")).as(stub)
                        .isEqualTo("err io.grpc.StatusRuntimeException: UNAUTHENTICATED: injected by chaos-agent rule orders-unauthenticated");
                for (String method : List.of("shop.Catalog/GetAlbum", "shop.Catalog/ListAlbums")) {
                    assertThat(call(app, stub, method, "1")).as(stub + " " + method)
                            .isEqualTo("err io.grpc.StatusRuntimeException: RESOURCE_EXHAUSTED: injected by chaos-agent rule catalog-exhausted");
                }
            }
            assertThat(app.result("intercepted")).isEqualTo("ok 0");
            assertThat(app.result("handled")).isEqualTo("ok 0");
            assertThat(app.result("calls catalog-exhausted")).isEqualTo("ok 6");
            assertThat(app.result("injections catalog-exhausted")).isEqualTo("ok 6");
            assertThat(app.result("calls orders-unauthenticated")).isEqualTo("ok 3");
            assertThat(app.result("describe")).contains("preset=grpc-server", "preset=grpc-client");

            assertThat(app.result("removeRule orders-unauthenticated")).isEqualTo("ok true");
            for (String stub : STUBS) {
                assertThat(call(app, stub, "shop.Orders/Place", "album-2")).as(stub).startsWith("ok shop.Orders/Place album-2");
            }
            assertThat(app.result("calls catalog-exhausted")).as("the server's rule saw the orders out of its scope").isEqualTo("ok 6");
            assertThat(app.result("removeRule catalog-exhausted")).isEqualTo("ok true");
            app.awaitStderr("original bytecode restored");
            assertThat(call(app, "blocking", "shop.Catalog/GetAlbum", "2")).startsWith("ok shop.Catalog/GetAlbum 2");
            assertThat(app.result("intercepted")).isEqualTo("ok 4");
            assertThat(app.result("handled")).isEqualTo("ok 4");
        }
    }

    /**
     * A client latency starts the call's stream later and never holds the thread that started it
     * (contract section 11): the future and async stubs return at once and their answers come
     * late; the blocking stub waits, as its caller expects. A server latency holds the call's
     * executor thread before the handler runs. A deadline within the latency ends the call, unsent.
     * A status that names no code is refused whole.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void aLatencyDelaysTheCallWithoutHoldingTheCaller(String version) throws Exception {
        try (ForkedJvm app = ForkedJvm.application("", GrpcApp.class, GrpcLibraries.jarsOf(version))) {
            assertThat(app.result("serve")).startsWith("ok ");
            assertThat(call(app, "blocking", "shop.Orders/Place", "warm-up")).startsWith("ok ");
            assertThat(app.result("addRule name=bad preset=grpc-client status=TEAPOT")).startsWith("err ")
                    .contains("status: \"TEAPOT\" is not a gRPC error status code (expected one of "
                            + "CANCELLED, UNKNOWN, INVALID_ARGUMENT, DEADLINE_EXCEEDED, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED, "
                            + "RESOURCE_EXHAUSTED, FAILED_PRECONDITION, ABORTED, OUT_OF_RANGE, UNIMPLEMENTED, INTERNAL, UNAVAILABLE, "
                            + "DATA_LOSS, UNAUTHENTICATED)");
            assertThat(app.result("describe")).doesNotContain("bad");
            assertThat(app.result("addRule name=slow-albums preset=grpc-client grpc.method=shop.Catalog/GetAlbum latency=300ms"))
                    .isEqualTo("ok slow-albums");
            assertThat(app.result("addRule name=slow-orders preset=grpc-server grpc.method=shop.Orders/* latency=300ms"))
                    .isEqualTo("ok slow-orders");

            List<String> figures = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (String stub : STUBS) {
                    Matcher timed = TIMED.matcher(app.call("call " + stub + " shop.Catalog/GetAlbum " + round));
                    assertThat(timed.matches()).as(stub).isTrue();
                    long completed = Long.parseLong(timed.group(1));
                    long returned = Long.parseLong(timed.group(2));
                    figures.add(stub + " returned " + returned + "ms, completed " + completed + "ms");
                    assertThat(completed).as("answered 300 ms late: " + figures).isGreaterThanOrEqualTo(300);
                    if (!stub.equals("blocking") && round > 0) { // the first round loads the classes that delay a stream
                        assertThat(returned).as("the stub returned at once: " + figures).isLessThan(200);
                    }
                }
            }
            System.out.println(version + " grpc-client latency=300ms: " + figures);
            for (String stub : STUBS) {
                assertThat(app.result("call " + stub + " shop.Catalog/GetAlbum late 100")).as("a deadline within the latency")
                        .startsWith("err io.grpc.StatusRuntimeException: DEADLINE_EXCEEDED");
            }
            assertThat(app.result("calls slow-albums")).isEqualTo("ok 12");
            assertThat(app.result("injections slow-albums")).isEqualTo("ok 12");
            assertThat(app.result("handled")).as("every delayed call in time was sent, once; the late ones never")
                    .isEqualTo("ok 10");

            assertThat(app.millis("call blocking shop.Orders/Place album-3")).isGreaterThanOrEqualTo(300);
            assertThat(app.result("injections slow-orders")).isEqualTo("ok 1");
            assertThat(app.result("handled")).isEqualTo("ok 11");
        }
    }

    private static String call(ForkedJvm app, String stub, String method, String request) {
        return app.result("call " + stub + " " + method + " " + request);
    }
}
