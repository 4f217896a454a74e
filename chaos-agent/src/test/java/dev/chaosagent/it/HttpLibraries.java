package dev.chaosagent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The HTTP presets' version matrix: one folder of jars per library version under
 * {@code target/it-libs/http} ({@code tomcat-10.1.0}, {@code okhttp-5.5.1}, ...), copied by the
 * build from the versions its pom names, oldest supported and newest.
 */
final class HttpLibraries {

    private static final Path ROOT = Path.of(System.getProperty("chaos.it.libs", "target/it-libs"), "http");

    private HttpLibraries() {
    }

    /** The versions of a library in the matrix, e.g. {@code tomcat-10.1.0} and {@code tomcat-11.0.29} for {@code tomcat}. */
    static Stream<String> versionsOf(String library) throws IOException {
        try (Stream<Path> folders = Files.list(ROOT)) {
            List<String> versions = folders.map(folder -> folder.getFileName().toString())
                    .filter(name -> name.startsWith(library + "-")).sorted().toList();
            if (versions.isEmpty()) {
                throw new IllegalStateException("no " + library + " in " + ROOT + ": run the build's pre-integration-test phase");
            }
            return versions.stream();
        }
    }

    /** The jars of one library version. */
    static List<Path> jars(String version) throws IOException {
        try (Stream<Path> jars = Files.list(ROOT.resolve(version))) {
            return jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().toList();
        }
    }
}
