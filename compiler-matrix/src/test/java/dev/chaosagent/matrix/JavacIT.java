package dev.chaosagent.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * javac's shapes: bridge methods, lambdas, a {@link java.lang.reflect.Proxy} delegating to a target,
 * a subclass calling {@code super}. Each is one logical call, counted once and injected once.
 */
class JavacIT extends CompilerMatrix {

    @Override
    String fixtures() {
        return "com.example.matrix.javac";
    }

    @Test
    void aCallThroughABridgeIsOneCall() {
        restoredAfter(() -> {
            jvm.add("name=bridge " + target("IntSource#get") + " " + CHAOS + " every=2");
            assertThat(jvm.run(driver("bridge"), 10)).isEqualTo(everySecondThrows("7", 10));
            assertThat(jvm.calls("bridge")).isEqualTo(10);
            assertThat(jvm.injections("bridge")).isEqualTo(5);
            assertThat(counters()).containsEntry("gets", 5);
        }, "IntSource");
    }

    @Test
    void aLambdasSyntheticBodyIsNotAMethodOfTheClass() {
        restoredAfter(() -> {
            jvm.add("name=lambda " + target("Lambdas#*") + " " + CHAOS + " every=2");
            assertThat(jvm.run(driver("lambda"), 10)).as("supplier() is injected; the lambda it returns never")
                    .isEqualTo(everySecondThrows("3", 10));
            assertThat(jvm.calls("lambda")).isEqualTo(10);
            assertThat(jvm.injections("lambda")).isEqualTo(5);
            assertThat(counters()).containsEntry("lambdas", 5);
        }, "Lambdas");
    }

    @Test
    void aCallThroughAProxyToItsTargetIsOneCall() {
        restoredAfter(() -> {
            jvm.add("name=proxy " + target("Greeter+#greet") + " " + CHAOS + " every=2");
            assertThat(jvm.run(driver("proxy"), 10)).isEqualTo(everySecondThrows("hello proxy", 10));
            assertThat(jvm.calls("proxy")).isEqualTo(10);
            assertThat(jvm.injections("proxy")).isEqualTo(5);
        }, "PoliteGreeter");
    }

    @Test
    void anOverrideCallingSuperIsOneCall() {
        restoredAfter(() -> {
            jvm.add("name=super " + target("Base+#price") + " " + CHAOS + " every=2 limit=2");
            assertThat(jvm.run(driver("superCall"), 6)).isEqualTo("=9|" + THROWN + "|=9|" + THROWN + "|=9|=9");
            assertThat(jvm.injections("super")).isEqualTo(2);
            assertThat(counters()).as("Base#price ran for each call not injected").containsEntry("prices", 4);
        }, "Base", "Discounted");
    }
}
