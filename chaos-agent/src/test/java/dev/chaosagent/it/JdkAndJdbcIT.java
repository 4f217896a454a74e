package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.harness.ForkedJvm;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Targets inside the JDK and inside a real JDBC driver, reached without any --add-opens. */
class JdkAndJdbcIT {

    @TempDir
    Path dir;

    @Test
    void aLoopbackSocketConnectFailsWhileTheRuleIsThereAndWorksAfter() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: refused
                    target: java.net.Socket#connect(java.net.SocketAddress,int)
                    exception: java.net.ConnectException
                    message: "chaos: connection refused"
                """);
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            int port = server.getLocalPort();
            assertThat(shop.result("connect " + port)).isEqualTo("err java.net.ConnectException: chaos: connection refused");

            Plans.swap(plan, "rules: []\n");
            shop.awaitStderr("original bytecode restored");
            assertThat(shop.result("connect " + port)).isEqualTo("ok connected");
        }
    }

    @Test
    void fileReadsAndHttpClientSendsFailWhereTheRulesSay() throws Exception {
        Path data = java.nio.file.Files.write(dir.resolve("data.bin"), new byte[] {7});
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "catalog".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/albums";
        try (ForkedJvm shop = ForkedJvm.withAgent("")) {
            assertThat(shop.result("read " + data)).isEqualTo("ok 7");
            assertThat(shop.result("http " + url)).isEqualTo("ok 200 catalog");
        }
        Path plan = Plans.write(dir, """
                rules:
                  - name: disk
                    target: java.io.FileInputStream#read()
                    exception: java.io.IOException
                    message: "chaos: disk error"
                  - name: http
                    target: java.net.http.HttpClient+#send
                    exception: java.net.http.HttpTimeoutException
                    message: "chaos: request timed out"
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            assertThat(shop.result("read " + data)).isEqualTo("err java.io.IOException: chaos: disk error");
            assertThat(shop.result("http " + url)).isEqualTo("err java.net.http.HttpTimeoutException: chaos: request timed out");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void everyStatementOfARealJdbcDriverIsReachedThroughItsInterface() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: db-down
                    target: java.sql.Statement+#executeQuery
                    exception: java.sql.SQLTransientConnectionException
                    message: "chaos: database unreachable"
                    after: 1
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            assertThat(shop.result("sql SELECT 40 + 2")).as("the driver loads after the rule was added").isEqualTo("ok 42");
            assertThat(shop.result("sql SELECT 1"))
                    .isEqualTo("err java.sql.SQLTransientConnectionException: chaos: database unreachable");
            assertThat(shop.result("describe")).contains("db-down", "armed");
        }
    }

    @Test
    void aFaultsOwnWorkNeverReentersTheAgent() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: slow-console
                    target: java.io.PrintStream#println(java.lang.String)
                    latency: 1ms
                """);
        // At debug level the agent logs every injection with println: were that injected in turn,
        // the call would recurse until the stack overflowed.
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan + ",log=debug")) {
            assertThat(shop.result("print 20")).isEqualTo("ok 20");
            assertThat(shop.stderrText()).contains("rule slow-console: latency=1ms at java.io.PrintStream#println(java.lang.String)");
            assertThat(shop.result("describe")).doesNotContain("Overflow");
        }
    }
}
