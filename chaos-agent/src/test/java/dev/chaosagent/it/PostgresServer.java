package dev.chaosagent.it;

import dev.chaosagent.harness.LoopbackForwarder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real PostgreSQL server for one test class, on 127.0.0.1, in a data directory of its own that
 * goes when it stops: the binaries of Debian's {@code postgresql} package (or any on the PATH). As
 * root (a CI container), the server runs as the {@code postgres} user, since PostgreSQL refuses root.
 * PostgreSQL cannot bind port 0 and say which port it got, so it listens on a Unix domain socket in
 * its directory only and a {@link LoopbackForwarder} gives it a port of 127.0.0.1.
 */
final class PostgresServer implements AutoCloseable {

    /** The port in the name of the server's socket ({@code .s.PGSQL.5432}): it listens on no TCP port, so any will do. */
    private static final int SOCKET_PORT = 5432;

    private final Path data;
    private final LoopbackForwarder forwarder;
    private final Process server;
    private final List<String> asOwner;
    private final Path bin;

    private PostgresServer(Path bin, Path data, LoopbackForwarder forwarder, Process server, List<String> asOwner) {
        this.bin = bin;
        this.data = data;
        this.forwarder = forwarder;
        this.server = server;
        this.asOwner = asOwner;
    }

    /** The directory of {@code initdb} and {@code postgres}: on the PATH, or Debian's newest under /usr/lib/postgresql. */
    static Optional<Path> binaries() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path initdb = Path.of(dir, "initdb");
            if (Files.isExecutable(initdb)) {
                return Optional.of(initdb.toRealPath().getParent());
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(debian)) {
            return Optional.empty();
        }
        try (var versions = Files.list(debian)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        }
    }

    static PostgresServer start(Path bin) throws Exception {
        List<String> asOwner = "root".equals(System.getProperty("user.name")) ? List.of("runuser", "-u", "postgres", "--") : List.of();
        Path data = Files.createTempDirectory("chaos-postgres-");
        if (!asOwner.isEmpty()) {
            run(List.of("chown", "postgres:postgres", data.toString()));
        }
        run(command(asOwner, bin.resolve("initdb").toString(), "-D", data.resolve("db").toString(), "-U", "chaos", "-A", "trust",
                "-E", "UTF8", "--no-sync"));
        Process server = new ProcessBuilder(command(asOwner, bin.resolve("postgres").toString(), "-D", data.resolve("db").toString(),
                "-p", Integer.toString(SOCKET_PORT), "-k", data.toString(), "-c", "listen_addresses=", "-c", "fsync=off",
                "-c", "full_page_writes=off", "-c", "synchronous_commit=off"))
                .redirectErrorStream(true).redirectOutput(data.resolve("server.log").toFile()).start();
        LoopbackForwarder forwarder = LoopbackForwarder.to(data.resolve(".s.PGSQL." + SOCKET_PORT));
        PostgresServer started = new PostgresServer(bin, data, forwarder, server, asOwner);
        try {
            Awaitility.await("PostgreSQL to accept connections through port " + forwarder.port()).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                        try (Connection connection = DriverManager.getConnection(started.url())) {
                            return connection.isValid(5);
                        }
                    });
        } catch (RuntimeException notStarted) {
            String log = Files.exists(data.resolve("server.log")) ? Files.readString(data.resolve("server.log")) : "(no log)";
            started.close();
            throw new IllegalStateException("PostgreSQL did not start; its log:\n" + log, notStarted);
        }
        return started;
    }

    /** A JDBC URL for the server's {@code postgres} database. */
    String url() {
        return "jdbc:postgresql://127.0.0.1:" + forwarder.port() + "/postgres?user=chaos";
    }

    @Override
    public void close() throws Exception {
        forwarder.close();
        try {
            run(command(asOwner, bin.resolve("pg_ctl").toString(), "stop", "-D", data.resolve("db").toString(), "-m", "fast", "-w"));
        } catch (IOException alreadyStopped) {
            server.destroy();
        }
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
        try (var files = Files.walk(data)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static List<String> command(List<String> prefix, String... command) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(Arrays.asList(command));
        return all;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
