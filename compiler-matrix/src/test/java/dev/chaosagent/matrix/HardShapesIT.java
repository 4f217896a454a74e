package dev.chaosagent.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shapes that weavers get wrong, written with ASM (see {@code com.example.matrix.asm.HardShapes}). */
class HardShapesIT extends ForkedMatrix {

    @Override
    String fixtures() {
        return "com.example.matrix.asm";
    }

    @Override
    String driverClass() {
        return "Shapes";
    }

    @Test
    void deadCodeAfterAReturn() {
        jvm.add("name=dead-exit " + target("Shapes#deadCode") + " " + CHAOS + " at=exit every=2");
        assertThat(jvm.run(driver("deadCode"), 4)).isEqualTo(everySecondThrows("1", 4));
        jvm.ok("stop");
        jvm.add("name=dead-entry " + target("Shapes#deadCode") + " returns=9");
        assertThat(jvm.run(driver("deadCode"), 2)).isEqualTo("=9|=9");
    }

    @Test
    void aMethodThatAlwaysThrows() {
        jvm.add("name=throws-entry " + target("Shapes#alwaysThrows") + " " + CHAOS + " every=2");
        assertThat(jvm.run(driver("alwaysThrows"), 2)).isEqualTo("!java.lang.IllegalStateException: own|" + THROWN);
        jvm.ok("stop");
        jvm.add("name=throws-returns " + target("Shapes#alwaysThrows") + " returns=9");
        assertThat(jvm.run(driver("alwaysThrows"), 1)).isEqualTo("=9");
        jvm.ok("stop");
        jvm.add("name=throws-exit " + target("Shapes#alwaysThrows") + " returns=9 at=exit");
        assertThat(jvm.run(driver("alwaysThrows"), 2)).as("an exit fault never replaces the method's own exception")
                .isEqualTo("!java.lang.IllegalStateException: own|!java.lang.IllegalStateException: own");
    }

    @Test
    void anExceptionAtAReturnInsideACatchAllRangeReachesTheCaller() {
        jvm.add("name=range-exit " + target("Shapes#returnInCatchAllRange") + " " + CHAOS + " at=exit every=2");
        assertThat(jvm.run(driver("returnInCatchAllRange"), 10)).isEqualTo(everySecondThrows("1", 10));
        assertThat(jvm.injections("range-exit")).isEqualTo(5);
        assertThat(counters()).as("the method's catch-all handler never ran").containsEntry("handled", 0);
    }

    @Test
    void anExceptionAtAReturnFromACatchAllHandlerReachesTheCaller() {
        jvm.add("name=handler-exit " + target("Shapes#returnFromCatchAll") + " " + CHAOS + " at=exit every=2");
        assertThat(jvm.run(driver("returnFromCatchAll"), 10)).isEqualTo(everySecondThrows("2", 10));
        assertThat(jvm.injections("handler-exit")).isEqualTo(5);
        assertThat(counters()).as("the handler ran once a call").containsEntry("handled", 10);
    }

    @Test
    void returnsWithDifferentStackDepths() {
        assertThat(jvm.run(driver("unevenStack"), 4)).isEqualTo("=1|=2|=1|=2");
        jvm.add("name=uneven-exit " + target("Shapes#unevenStack") + " returns=9 at=exit");
        assertThat(jvm.run(driver("unevenStack"), 2)).isEqualTo("=9|=9");
        jvm.ok("stop");
        jvm.add("name=uneven-throws " + target("Shapes#unevenStack") + " " + CHAOS + " at=exit every=2");
        assertThat(jvm.run(driver("unevenStack"), 4)).as("the body ran each time: the results alternate")
                .isEqualTo("=1|" + THROWN + "|=1|" + THROWN);
    }

    @Test
    void removingTheLastRuleRestoresTheOriginalBytecode() {
        assertThat(jvm.run(driver("deadCode"), 1)).isEqualTo("=1");
        String original = jvm.shape("com.example.matrix.asm.Shapes");
        for (String method : new String[] {"deadCode", "alwaysThrows", "returnInCatchAllRange", "returnFromCatchAll", "unevenStack"}) {
            jvm.add("name=restore-" + method + " " + target("Shapes#" + method) + " latency=1ms");
            jvm.add("name=restore-exit-" + method + " " + target("Shapes#" + method) + " returns=3 at=exit");
        }
        assertThat(jvm.run(driver("unevenStack"), 1)).isEqualTo("=3");
        assertThat(jvm.shape("com.example.matrix.asm.Shapes")).as("woven").isNotEqualTo(original);
        jvm.ok("stop");
        assertThat(jvm.shape("com.example.matrix.asm.Shapes")).as("restored").isEqualTo(original);
        assertThat(jvm.run(driver("deadCode"), 1)).isEqualTo("=1");
    }
}
