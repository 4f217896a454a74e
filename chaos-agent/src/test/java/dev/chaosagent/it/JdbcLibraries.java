package dev.chaosagent.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The class path of a shop that talks to a database: HikariCP, H2 and pgjdbc at one end of their
 * version matrix ({@code oldest} or {@code newest}, as the build copies them to {@code it-libs}),
 * and Spring's JdbcTemplate with what it needs, as the test has it.
 */
final class JdbcLibraries {

    private static final Path LIBS = Path.of(System.getProperty("chaos.it.libs", "target/it-libs"));

    private JdbcLibraries() {
    }

    static List<Path> at(String end) {
        List<Path> jars = new ArrayList<>();
        for (String library : List.of("HikariCP", "h2", "postgresql")) {
            Path jar = LIBS.resolve(end + "-" + library + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: the build copies it before the integration tests");
            }
            jars.add(jar);
        }
        jars.add(LIBS.resolve("app-slf4j-api.jar"));
        for (String prefix : List.of("spring-jdbc-", "spring-tx-", "spring-beans-", "spring-core-", "commons-logging-")) {
            jars.add(onTestClassPath(prefix));
        }
        return jars;
    }

    private static Path onTestClassPath(String prefix) {
        return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of).filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new IllegalStateException(prefix + "*.jar is not on the test class path"));
    }
}
