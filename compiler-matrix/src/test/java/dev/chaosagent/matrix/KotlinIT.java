package dev.chaosagent.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** kotlinc's shapes: returns inside its try ranges, and the synthetic {@code $default} stubs of default arguments. */
class KotlinIT extends CompilerMatrix {

    @Override
    String fixtures() {
        return "com.example.matrix.kotlinc";
    }

    @Test
    void aCallThroughTheDefaultArgumentStubIsOneCall() {
        restoredAfter(() -> {
            jvm.add("name=defaults " + target("Greeter#greet*") + " " + CHAOS + " every=2");
            assertThat(jvm.run(driver("defaults"), 10)).isEqualTo(everySecondThrows("hello world", 10));
            assertThat(jvm.calls("defaults")).isEqualTo(10);
            assertThat(jvm.injections("defaults")).isEqualTo(5);
            assertThat(counters()).containsEntry("greetings", 5);
        }, "Greeter");
    }
}
