package dev.chaosagent.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Proves which JUnit each Surefire execution really ran on (5.14 by default, 6 in the second run). */
class JUnitVersionTest {

    @Test
    void runsOnTheExpectedJupiter() {
        String version = Test.class.getPackage().getImplementationVersion();
        assertThat(version).as("Jupiter version").startsWith(System.getProperty("chaos.expected.jupiter", "5") + ".");
    }
}
