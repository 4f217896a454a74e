package dev.chaosagent.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** scalac 2.13's shapes: returns inside its try ranges, and the forwarders a class gets for a trait's methods. */
class ScalaIT extends CompilerMatrix {

    @Override
    String fixtures() {
        return "com.example.matrix.scalac";
    }

    @Test
    void aCallThroughATraitForwarderIsOneCall() {
        restoredAfter(() -> {
            jvm.add("name=forwarder " + target("Greeter+#greet") + " " + CHAOS + " every=2");
            assertThat(jvm.run(driver("forwarder"), 10)).isEqualTo(everySecondThrows("hello", 10));
            assertThat(jvm.calls("forwarder")).isEqualTo(10);
            assertThat(jvm.injections("forwarder")).isEqualTo(5);
            assertThat(counters()).containsEntry("greetings", 5);
        }, "Greeter", "Polite");
    }
}
