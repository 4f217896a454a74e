package dev.chaosagent.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Class files from before Java 6: {@code FastHashMap} of commons-collections 2.1 (version 45, javac
 * 1.1), whose {@code get} holds its lock in a JSR/RET subroutine and has no stack map frames.
 */
class OldClassFilesIT extends ForkedMatrix {

    private static final String GET = "target=org.apache.commons.collections.FastHashMap#get";

    @Override
    String fixtures() {
        return "com.example.matrix.javac";
    }

    @Test
    void entryFaultsActOnAMethodWithASubroutine() {
        jvm.add("name=old-entry " + GET + " " + CHAOS + " limit=1");
        assertThat(jvm.run(driver("oldLibrary"), 3)).isEqualTo(THROWN + "|=v|=v");
        jvm.add("name=old-returns " + GET + " returns=\"chaos\"");
        assertThat(jvm.run(driver("oldLibrary"), 2)).isEqualTo("=chaos|=chaos");
        jvm.ok("stop");
        jvm.add("name=old-latency " + GET + " latency=100ms");
        assertThat(jvm.millis(driver("oldLibrary"), "=v")).isGreaterThanOrEqualTo(100);
    }

    @Test
    void exitFaultsActAfterTheSubroutineReleasedTheLock() {
        jvm.add("name=old-exit " + GET + " " + CHAOS + " at=exit every=2");
        assertThat(jvm.run(driver("oldLibrary"), 10)).isEqualTo(everySecondThrows("v", 10));
        assertThat(jvm.calls("old-exit")).isEqualTo(10);
        assertThat(jvm.injections("old-exit")).isEqualTo(5);
        jvm.ok("stop");
        jvm.add("name=old-exit-returns " + GET + " returns=\"chaos\" at=exit");
        assertThat(jvm.run(driver("oldLibrary"), 2)).isEqualTo("=chaos|=chaos");
        jvm.ok("stop");
        jvm.add("name=old-exit-latency " + GET + " latency=100ms at=exit");
        assertThat(jvm.millis(driver("oldLibrary"), "=v")).isGreaterThanOrEqualTo(100);
    }

    @Test
    void removingTheLastRuleRestoresTheOriginalBytecode() {
        assertThat(jvm.run(driver("oldLibrary"), 1)).isEqualTo("=v");
        String original = jvm.shape("org.apache.commons.collections.FastHashMap");
        jvm.add("name=old-restore " + GET + " returns=null at=exit");
        assertThat(jvm.run(driver("oldLibrary"), 1)).isEqualTo("=null");
        assertThat(jvm.shape("org.apache.commons.collections.FastHashMap")).as("woven").isNotEqualTo(original);
        jvm.ok("stop");
        assertThat(jvm.shape("org.apache.commons.collections.FastHashMap")).as("restored").isEqualTo(original);
        assertThat(jvm.run(driver("oldLibrary"), 1)).isEqualTo("=v");
    }
}
