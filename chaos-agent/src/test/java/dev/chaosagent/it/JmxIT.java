package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chaosagent.harness.ForkedJvm;
import dev.chaosagent.harness.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.remote.JMXConnector;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The MXBean driven over a real remote JMX connection by a client that uses only JDK types, as
 * JConsole, jmxterm or Jolokia would: generic getAttribute and invoke, no proxy, no class of ours.
 */
class JmxIT {

    private static final String[] STRING = {String.class.getName()};

    @Test
    void everyOperationAndAttributeOverARemoteConnection() throws Exception {
        try (ForkedJvm shop = ForkedJvm.withRemoteJmx("");
             JMXConnector connector = shop.jmxConnector()) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            ObjectName agent = new ObjectName("dev.chaosagent:type=ChaosAgent");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jmx.isRegistered(agent));

            assertThat(jmx.getAttribute(agent, "Enabled")).isEqualTo(true);
            assertThat((String[]) jmx.getAttribute(agent, "RuleNames")).isEmpty();

            Object name = jmx.invoke(agent, "addRule", new Object[] {"name=lie target=com.example.shop.Catalog#count returns=7"}, STRING);
            assertThat(name).isEqualTo("lie");
            assertThat(jmx.invoke(agent, "addRule", new Object[] {"target=com.example.shop.Catalog#name returns=\"x\" ttl=1s"}, STRING))
                    .isEqualTo("rule-1");
            assertThat(shop.result("count")).isEqualTo("ok 7");
            assertThat(shop.result("count")).isEqualTo("ok 7");
            assertThat(jmx.invoke(agent, "injections", new Object[] {"lie"}, STRING)).isEqualTo(2L);
            assertThat(jmx.invoke(agent, "calls", new Object[] {"lie"}, STRING)).isEqualTo(2L);
            assertThat(jmx.getAttribute(agent, "TotalInjections")).isEqualTo(2L);
            assertThat((String[]) jmx.getAttribute(agent, "RuleNames")).containsExactly("lie", "rule-1");
            assertThat((String) jmx.invoke(agent, "describe", null, null))
                    .contains("lie", "armed", "ttl=30m").containsPattern("lie +armed +2 +2 +(29m 5\\ds|30m 0s)");

            Awaitility.await("the 1s ttl to expire").atMost(Duration.ofSeconds(5))
                    .until(() -> List.of((String[]) jmx.getAttribute(agent, "RuleNames")).equals(List.of("lie")));

            Throwable bad = catchThrowable(() -> jmx.invoke(agent, "addRule", new Object[] {"target=a.B#c latency=fast"}, STRING));
            assertThat(bad).isInstanceOf(RuntimeMBeanException.class);
            assertThat(bad.getCause()).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("latency: \"fast\" is not a duration (expected like 250ms, 2s, 100ms..1s)");
            Throwable kill = catchThrowable(() -> jmx.invoke(agent, "addRule", new Object[] {"target=com.example.shop.Catalog#count kill=1"},
                    STRING));
            assertThat(kill.getCause()).as("destructive faults need allowDestructive=true at start-up; JMX cannot grant it")
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("kill: \"1\" is a destructive fault (expected the agent option allowDestructive=true at start-up)");
            Throwable unknown = catchThrowable(() -> jmx.invoke(agent, "injections", new Object[] {"nope"}, STRING));
            assertThat(unknown.getCause()).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no rule named \"nope\" (rules: lie)");

            assertThat(jmx.invoke(agent, "disableRule", new Object[] {"lie"}, STRING)).isEqualTo(true);
            assertThat(shop.result("count")).isEqualTo("ok 5");
            assertThat(jmx.invoke(agent, "enableRule", new Object[] {"lie"}, STRING)).isEqualTo(true);
            assertThat(shop.result("count")).isEqualTo("ok 7");
            jmx.setAttribute(agent, new Attribute("Enabled", false));
            assertThat(shop.result("count")).isEqualTo("ok 5");
            jmx.setAttribute(agent, new Attribute("Enabled", true));
            assertThat(jmx.invoke(agent, "enableRule", new Object[] {"nope"}, STRING)).isEqualTo(false);

            jmx.invoke(agent, "stopAll", null, null);
            assertThat(shop.result("count")).as("the kill switch acts before stopAll returns").isEqualTo("ok 5");
            assertThat((String[]) jmx.getAttribute(agent, "RuleNames")).isEmpty();
            assertThat(jmx.invoke(agent, "removeRule", new Object[] {"lie"}, STRING)).isEqualTo(false);
            assertThat(jmx.invoke(agent, "addRule", new Object[] {"name=again target=com.example.shop.Catalog#count returns=9"},
                    STRING)).as("the agent works on after the kill switch").isEqualTo("again");
            assertThat(shop.result("count")).isEqualTo("ok 9");

            List<Map<String, Object>> journal = ((String) jmx.invoke(agent, "journal", null, null)).lines().map(JsonObject::parse).toList();
            assertThat(journal).extracting(line -> line.get("event") + " " + line.getOrDefault("rule", "-")).containsSubsequence(
                    "added lie", "added rule-1", "expired rule-1", "refused -", "disabled lie", "enabled lie", "disabled -",
                    "enabled -", "removed lie", "stopped -", "added again");
            assertThat(journal).filteredOn(line -> "expired".equals(line.get("event"))).singleElement()
                    .satisfies(line -> assertThat(line.get("message")).isEqualTo("rule rule-1 expired after its ttl of 1s (0 injections in 0 calls)"));
        }
    }
}
