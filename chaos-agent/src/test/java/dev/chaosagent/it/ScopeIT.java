package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.harness.ForkedJvm;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blast radius in a real JVM: each scope key narrows a rule to some calls, and the calls outside it
 * are neither injected nor counted.
 */
class ScopeIT {

    @TempDir
    Path dir;

    @Test
    void threadArgumentsAndCallerEachNarrowTheRule() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: workers-only
                    target: com.example.shop.Catalog#count
                    returns: -1
                    thread: "worker-*"
                  - name: album-42-eu
                    target: com.example.shop.Albums#find
                    exception: java.lang.IllegalStateException
                    message: "chaos: album 42"
                    arg0: 42
                    arg1: "EU-*"
                  - name: checkout-path
                    target: com.example.shop.Albums#find
                    latency: 0ms
                    caller: "com.example.shop.Checkout#submit"
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            assertThat(shop.result("count")).isEqualTo("ok 5");
            assertThat(shop.result("onThread worker-7 count")).isEqualTo("ok -1");
            assertThat(shop.result("onThread http-1 count")).isEqualTo("ok 5");

            assertThat(shop.result("album 41 EU-DE")).isEqualTo("ok album-41-EU-DE");
            assertThat(shop.result("album 42 US-CA")).isEqualTo("ok album-42-US-CA");
            assertThat(shop.result("album 42 EU-DE")).isEqualTo("err java.lang.IllegalStateException: chaos: album 42");

            shop.result("checkout 1");
            shop.result("browse 1");
            shop.result("browse 2");
            String table = shop.result("describe");
            assertThat(table).containsPattern("workers-only +armed +1 +1 ").containsPattern("album-42-eu +armed +1 +1 ")
                    .as("only the call through Checkout#submit").containsPattern("checkout-path +armed +1 +1 ");
        }
    }

    @Test
    void mdcOfTheApplicationsOwnSlf4jNarrowsTheRule() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: acme-only
                    target: com.example.shop.Catalog#name
                    returns: "chaos"
                    mdc.tenant: acme
                """);
        try (ForkedJvm shop = ForkedJvm.start("config=" + plan, false, slf4jJars())) {
            assertThat(shop.result("asTenant acme name")).isEqualTo("ok chaos");
            assertThat(shop.result("asTenant globex name")).isEqualTo("ok catalog");
            assertThat(shop.result("name")).isEqualTo("ok catalog");
            assertThat(shop.result("describe")).containsPattern("acme-only +armed +1 +1 ");
        }
    }

    @Test
    void anArgumentAMethodDoesNotHaveRefusesTheRuleThereOnly() throws Exception {
        Path plan = Plans.write(dir, """
                rules:
                  - name: second-arg
                    target: com.example.shop.Catalog#*
                    returns: null
                    arg1: x
                """);
        try (ForkedJvm shop = ForkedJvm.withAgent("config=" + plan)) {
            assertThat(shop.result("fetch 7")).isEqualTo("ok album-7");
            shop.awaitStderr("rule second-arg does not apply to com.example.shop.Catalog#fetch(java.lang.String): arg1 names a parameter");
            assertThat(shop.result("describe")).contains("second-arg", "armed");
        }
    }

    /** The application's own SLF4J and Logback (the agent's SLF4J is relocated and apart). */
    private static List<Path> slf4jJars() {
        Path libs = Path.of(System.getProperty("chaos.it.libs"));
        return List.of(libs.resolve("app-slf4j-api.jar"), libs.resolve("app-logback-classic.jar"), libs.resolve("app-logback-core.jar"));
    }
}
