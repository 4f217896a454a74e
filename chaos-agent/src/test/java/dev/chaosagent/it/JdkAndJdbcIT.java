package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

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
