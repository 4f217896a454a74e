package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import dev.chaosagent.harness.ForkedJvm;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same options work in JAVA_TOOL_OPTIONS and on dynamic attach as on -javaagent. */
class AttachIT {

    @TempDir
    Path dir;

    private static final String RULE = "rules:\n  - {name: r, target: com.example.shop.Catalog#count, returns: 1}\n";

    @Test
    void optionsInJavaToolOptions() throws Exception {
        Path plan = Plans.write(dir, RULE);
        String options = "-javaagent:" + ForkedJvm.AGENT_JAR + "=config=" + plan + ",seed=7";
        try (ForkedJvm shop = ForkedJvm.withEnvironment(Map.of("JAVA_TOOL_OPTIONS", options))) {
            assertThat(shop.result("count")).isEqualTo("ok 1");
            assertThat(shop.result("describe")).contains("name=r target=com.example.shop.Catalog#count returns=1");
        }
    }

    @Test
    void attachingToARunningJvmAndAttachingTwiceIsHarmless() throws Exception {
        Path plan = Plans.write(dir, RULE);
        try (ForkedJvm shop = ForkedJvm.withAgent(null)) {
            assertThat(shop.result("count")).isEqualTo("ok 5");
            VirtualMachine vm = VirtualMachine.attach(Long.toString(shop.pid()));
            try {
                vm.loadAgent(ForkedJvm.AGENT_JAR.toString(), "config=" + plan);
                shop.awaitStderr("chaos-agent: started (attach)");
                assertThat(shop.result("count")).isEqualTo("ok 1");

                vm.loadAgent(ForkedJvm.AGENT_JAR.toString(), "enabled=false");
                shop.awaitStderr("chaos-agent: already running in this JVM; this attach changes nothing");
                assertThat(shop.result("count")).isEqualTo("ok 1");
            } finally {
                vm.detach();
            }
        }
    }
}
