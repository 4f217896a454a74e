package dev.chaosagent.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * groovyc's shapes (dynamic Groovy): returns inside its try ranges (its try/catch also gets catch-all
 * ranges), the overload it writes for a default argument, and {@code super} calls.
 */
class GroovyIT extends CompilerMatrix {

    @Override
    String fixtures() {
        return "com.example.matrix.groovyc";
    }

    @Test
    void aCallThroughTheDefaultArgumentOverloadIsOneCall() {
        restoredAfter(() -> {
            jvm.add("name=defaults " + target("Greeter#greet") + " " + CHAOS + " every=2");
            assertThat(jvm.run(driver("defaults"), 10)).isEqualTo(everySecondThrows("hello world", 10));
            assertThat(jvm.calls("defaults")).isEqualTo(10);
            assertThat(jvm.injections("defaults")).isEqualTo(5);
            assertThat(counters()).containsEntry("greetings", 5);
        }, "Greeter");
    }

    @Test
    void anOverrideCallingSuperIsOneCall() {
        restoredAfter(() -> {
            jvm.add("name=super " + target("Base+#price") + " " + CHAOS + " every=2 limit=2");
            assertThat(jvm.run(driver("superCall"), 6)).isEqualTo("=9|" + THROWN + "|=9|" + THROWN + "|=9|=9");
            assertThat(jvm.injections("super")).isEqualTo(2);
            assertThat(counters()).containsEntry("prices", 4);
        }, "Base", "Discounted");
    }
}
