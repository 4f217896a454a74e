package dev.chaosagent.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Proves which JUnit each Surefire execution really ran on, the version it names in
 * {@code chaos.expected.jupiter}. (Surefire appends a launcher of the build's own JUnit behind the
 * test class path for its provider; the test class path comes first, so that copy is never used.)
 */
class JUnitVersionTest {

    private static String jupiter() {
        String jupiter = System.getProperty("chaos.expected.jupiter");
        assertThat(jupiter).as("chaos.expected.jupiter, set by each Surefire execution of this module").isNotBlank();
        return jupiter;
    }

    /** JUnit 5's Platform is numbered 1.x (Jupiter 5.10.5 runs on Platform 1.10.5); from 6.0 on both share one number. */
    private static String platform() {
        return jupiter().startsWith("5.") ? "1." + jupiter().substring(2) : jupiter();
    }

    @Test
    void theTestClassPathHoldsEachJUnitJarOnceInThisExecutionsVersion() {
        List<String> junitJars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).getFileName().toString())
                .filter(name -> name.startsWith("junit-"))
                .sorted()
                .collect(Collectors.toList());
        assertThat(junitJars).containsExactly(
                "junit-jupiter-" + jupiter() + ".jar",
                "junit-jupiter-api-" + jupiter() + ".jar",
                "junit-jupiter-engine-" + jupiter() + ".jar",
                "junit-jupiter-params-" + jupiter() + ".jar",
                "junit-platform-commons-" + platform() + ".jar",
                "junit-platform-engine-" + platform() + ".jar",
                "junit-platform-launcher-" + platform() + ".jar",
                "junit-platform-testkit-" + platform() + ".jar");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "org.junit.jupiter.api.Test, jupiter",
            "org.junit.jupiter.engine.JupiterTestEngine, jupiter",
            "org.junit.jupiter.params.ParameterizedTest, jupiter",
            "org.junit.platform.commons.support.AnnotationSupport, platform",
            "org.junit.platform.engine.TestEngine, platform",
            "org.junit.platform.launcher.Launcher, platform",
            "org.junit.platform.testkit.engine.EngineTestKit, platform"})
    void theRunningJUnitIsThisExecutionsVersion(String className, String line) throws ClassNotFoundException {
        assertThat(Class.forName(className).getPackage().getImplementationVersion())
                .as("version of the jar %s was loaded from", className)
                .isEqualTo(line.equals("jupiter") ? jupiter() : platform());
    }
}
