package dev.chaosagent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The redis preset's version matrix under {@code target/it-libs/redis}: one folder per client major
 * ({@code lettuce-6.8.1.RELEASE}, {@code jedis-8.0.2} ...) holding that client's jar, and
 * {@code runtime}, what every client runs on (Netty, Reactor, commons-pool2 ...), copied by the build.
 */
final class RedisLibraries {

    private static final Path ROOT = Path.of(System.getProperty("chaos.it.libs", "target/it-libs"), "redis");

    private RedisLibraries() {
    }

    /** The client versions of the matrix, e.g. {@code jedis-5.2.0} and {@code jedis-8.0.2} for {@code jedis}. */
    static Stream<String> versionsOf(String client) throws IOException {
        try (Stream<Path> folders = Files.list(ROOT)) {
            List<String> versions = folders.map(folder -> folder.getFileName().toString())
                    .filter(name -> name.startsWith(client + "-")).sorted().toList();
            if (versions.size() < 2) {
                throw new IllegalStateException("not two versions of " + client + " in " + ROOT + ": run the build's pre-integration-test phase");
            }
            return versions.stream();
        }
    }

    /** The class path of one client version: its jar and the shared run time. */
    static List<Path> jars(String version) throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String folder : List.of(version, "runtime")) {
            try (Stream<Path> files = Files.list(ROOT.resolve(folder))) {
                files.filter(jar -> jar.toString().endsWith(".jar")).sorted().forEach(jars::add);
            }
        }
        return jars;
    }
}
