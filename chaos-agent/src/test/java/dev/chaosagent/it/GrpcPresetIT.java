package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.grpc.GrpcApp;
import dev.chaosagent.harness.ForkedJvm;
import java.nio.file.Path;
import java.util.List;
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
                        .isEqualTo("err io.grpc.StatusRuntimeException: UNKNOWN: java.io.IOException: chaos: reset"
                                + " (cause java.io.IOException: chaos: reset)");
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

    private static String call(ForkedJvm app, String stub, String method, String request) {
        return app.result("call " + stub + " " + method + " " + request);
    }
}
