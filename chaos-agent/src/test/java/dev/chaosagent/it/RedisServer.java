package dev.chaosagent.it;

import dev.chaosagent.harness.LoopbackForwarder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import redis.clients.jedis.Jedis;

/**
 * A real Redis server for one test class, Debian's {@code redis-server} (or any on the PATH), in a
 * directory of its own that goes when it stops. Redis cannot bind port 0 and say which port it got,
 * so it listens on a Unix domain socket only and a {@link LoopbackForwarder} gives it a port of
 * 127.0.0.1; nothing is saved to disk.
 */
final class RedisServer implements AutoCloseable {

    private final Path dir;
    private final Process server;
    private final LoopbackForwarder forwarder;

    private RedisServer(Path dir, Process server, LoopbackForwarder forwarder) {
        this.dir = dir;
        this.server = server;
        this.forwarder = forwarder;
    }

    /** {@code redis-server}: on the PATH, or where Debian's package puts it. */
    static Optional<Path> binary() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, "redis-server");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        Path debian = Path.of("/usr/bin/redis-server");
        return Files.isExecutable(debian) ? Optional.of(debian) : Optional.empty();
    }

    static RedisServer start(Path binary) throws Exception {
        Path dir = Files.createTempDirectory("chaos-redis-");
        Path socket = dir.resolve("redis.sock");
        Process server = new ProcessBuilder(List.of(binary.toString(), "--port", "0", "--unixsocket", socket.toString(),
                "--unixsocketperm", "700", "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        RedisServer started = new RedisServer(dir, server, LoopbackForwarder.to(socket));
        try {
            Awaitility.await("Redis to answer PING through port " + started.port()).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
                        try (Jedis clean = started.cleanClient()) {
                            return "PONG".equals(clean.ping());
                        }
                    });
        } catch (RuntimeException notStarted) {
            String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "(no log)";
            started.close();
            throw new IllegalStateException("Redis did not start; its log:\n" + log, notStarted);
        }
        return started;
    }

    /** The port of 127.0.0.1 that reaches the server. */
    int port() {
        return forwarder.port();
    }

    /** A client of the test's own JVM, which has no agent: what the server really holds. */
    Jedis cleanClient() {
        return new Jedis("127.0.0.1", port());
    }

    @Override
    public void close() throws Exception {
        forwarder.close();
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
