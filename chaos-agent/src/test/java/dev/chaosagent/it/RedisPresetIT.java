package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.redis.RedisApp;
import dev.chaosagent.harness.CommandLoop;
import dev.chaosagent.harness.ForkedJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;

/**
 * {@code preset=redis} against a real Redis server, each client major of the matrix (Lettuce 6 and
 * 7, Jedis 5 and 8) in a JVM of its own: a command counts once whatever API sent it, the scope keys
 * select exactly the commands they name, a faulted command never reaches the server (a clean client
 * finds its key absent), the default fault is the client's own exception, a Lettuce latency never
 * holds up the other commands on the same connection, and removing the rules restores the client.
 * The server is Debian's {@code redis-server}, which {@code .ci/run} installs; without it the test
 * says so and is skipped.
 */
class RedisPresetIT {

    private static final String LETTUCE_TIMEOUT = "err io.lettuce.core.RedisCommandTimeoutException: chaos: command timed out";
    private static final String JEDIS_TIMEOUT = "err redis.clients.jedis.exceptions.JedisConnectionException: chaos: read timed out";
    /** The answer of {@code lettuce shared}: how long the other commands took, and the slow one. */
    private static final Pattern SHARED = Pattern.compile(
            "ok others (\\d+) in (\\d+)ms, slow pending then (true|false), slow (\\S+) in (\\d+)ms \\[returned in (\\d+)ms\\]");

    private static final String CONNECTION = "io.lettuce.core.StatefulRedisConnectionImpl";
    private static final String HANDLER = "io.lettuce.core.RedisChannelHandler";

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        Optional<Path> binary = RedisServer.binary();
        if (binary.isEmpty()) {
            String why = "no redis-server on the PATH or at /usr/bin/redis-server: install Debian's redis-server package"
                    + " (.ci/run does) to run the redis preset's tests";
            System.out.println("RedisPresetIT skipped: " + why);
            Assumptions.abort(why);
        }
        redis = RedisServer.start(binary.get());
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    /** The fixture's classes and the harness's command loop, which it serves. */
    private static List<Path> classpath() {
        return List.of(ForkedJvm.codeSource(RedisApp.class), ForkedJvm.codeSource(CommandLoop.class));
    }

    static Stream<String> lettuce() throws Exception {
        return RedisLibraries.versionsOf("lettuce");
    }

    static Stream<String> jedis() throws Exception {
        return RedisLibraries.versionsOf("jedis");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lettuce")
    void lettuceCommandsFailOrWaitOnTheCallersSideAndNeverHoldUpTheConnection(String version) throws Exception {
        String prefix = version.replace('.', '-') + ":";
        try (ForkedJvm app = ForkedJvm.launch(RedisApp.class.getName(), classpath()).agent("")
                .capture().classpath(RedisLibraries.jars(version)).start()) {
            assertThat(app.result("lettuce connect " + redis.port())).isEqualTo("ok lettuce connected");
            String[] shapes = {app.result("shape " + CONNECTION), app.result("shape " + HANDLER)};
            assertThat(app.result("lettuce sync set " + prefix + "k1 one")).isEqualTo("ok OK");
            assertThat(app.result("lettuce sync set " + prefix + "k2 two")).isEqualTo("ok OK");

            // The default fault, on GET of one key, through the sync, async and reactive APIs: each counts once.
            assertThat(app.result("addRule name=get-k1 preset=redis redis.command=get redis.key=" + prefix + "k1")).isEqualTo("ok get-k1");
            assertThat(app.result("lettuce sync get " + prefix + "k1")).isEqualTo(LETTUCE_TIMEOUT);
            assertThat(app.result("lettuce async get " + prefix + "k1")).isEqualTo(LETTUCE_TIMEOUT);
            assertThat(app.result("lettuce reactive get " + prefix + "k1")).isEqualTo(LETTUCE_TIMEOUT);
            assertThat(app.result("lettuce sync get " + prefix + "k2")).isEqualTo("ok two");
            assertThat(app.result("lettuce reactive get " + prefix + "k2")).isEqualTo("ok two");
            assertThat(app.result("lettuce async set " + prefix + "k1 uno")).startsWith("ok OK [returned in ");
            assertThat(app.result("shape " + CONNECTION)).as("woven while the rule is there").isNotEqualTo(shapes[0]);
            assertThat(app.result("calls get-k1")).isEqualTo("ok 3");
            assertThat(app.result("injections get-k1")).isEqualTo("ok 3");
            assertThat(app.result("describe")).contains("preset=redis redis.command=get redis.key=" + prefix + "k1");
            assertThat(app.result("removeRule get-k1")).isEqualTo("ok true");

            // A faulted SET is not sent: the server never sees the key.
            assertThat(app.result("addRule name=no-set preset=redis redis.command=SET redis.key=" + prefix + "absent-*")).isEqualTo("ok no-set");
            assertThat(app.result("lettuce sync set " + prefix + "absent-1 x")).isEqualTo(LETTUCE_TIMEOUT);
            assertThat(app.result("lettuce async set " + prefix + "absent-2 x")).isEqualTo(LETTUCE_TIMEOUT);
            assertThat(app.result("lettuce reactive set " + prefix + "absent-3 x")).isEqualTo(LETTUCE_TIMEOUT);
            assertThat(app.result("lettuce sync set " + prefix + "present x")).isEqualTo("ok OK");
            assertThat(app.result("calls no-set")).isEqualTo("ok 3");
            try (Jedis clean = redis.cleanClient()) {
                assertThat(clean.exists(prefix + "absent-1", prefix + "absent-2", prefix + "absent-3")).as("faulted SETs reached the server")
                        .isZero();
                assertThat(clean.get(prefix + "present")).isEqualTo("x");
            }
            assertThat(app.result("removeRule no-set")).isEqualTo("ok true");

            // An exception the rule names fails the async command's future, as Lettuce's own would.
            assertThat(app.result("addRule name=refused preset=redis redis.key=" + prefix + "k2"
                    + " exception=io.lettuce.core.RedisConnectionException message=\"chaos: refused\"")).isEqualTo("ok refused");
            assertThat(app.result("lettuce async get " + prefix + "k2")).isEqualTo("err io.lettuce.core.RedisConnectionException: chaos: refused");
            assertThat(app.result("removeRule refused")).isEqualTo("ok true");

            // A latency on one key: its future completes later, the caller is not blocked, and the
            // other commands on the same connection complete meanwhile.
            assertThat(app.result("addRule name=slow-k1 preset=redis redis.key=" + prefix + "k1 latency=2s")).isEqualTo("ok slow-k1");
            String shared = app.result("lettuce shared " + prefix + "k1 50");
            Matcher figures = SHARED.matcher(shared);
            assertThat(figures.matches()).as(shared).isTrue();
            System.out.println("RedisPresetIT " + version + " shared connection: " + shared);
            assertThat(figures.group(1)).isEqualTo("50");
            assertThat(figures.group(3)).as("the delayed GET was still pending when 100 other commands on its connection had completed")
                    .isEqualTo("true");
            assertThat(figures.group(4)).isEqualTo("uno");
            assertThat(Long.parseLong(figures.group(5))).as("the delayed GET completed after its latency").isGreaterThanOrEqualTo(2000);
            assertThat(Long.parseLong(figures.group(6))).as("the async call returned without waiting for its latency").isLessThan(1000);
            assertThat(app.result("calls slow-k1")).isEqualTo("ok 1");
            assertThat(app.result("injections slow-k1")).isEqualTo("ok 1");

            // Removing the rule restores the client.
            assertThat(app.result("removeRule slow-k1")).isEqualTo("ok true");
            assertThat(app.call("lettuce async get " + prefix + "k1")).matches("ok \\(\\d+ms\\) uno \\[returned in \\d+ms\\]");
            assertThat(app.result("lettuce sync get " + prefix + "k1")).isEqualTo("ok uno");
            assertThat(app.result("describe")).doesNotContain("preset=redis");
            assertThat(new String[] {app.result("shape " + CONNECTION), app.result("shape " + HANDLER)})
                    .as("the original bytecode of Lettuce's connection, back").containsExactly(shapes);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jedis")
    void jedisCommandsFailOrWaitInTheCallingThreadAndAFaultedCommandIsNotSent(String version, @TempDir Path dir) throws Exception {
        String prefix = version.replace('.', '-') + ":";
        try (Jedis clean = redis.cleanClient()) {
            clean.set(prefix + "cart:1", "one");
            clean.set(prefix + "other", "two");
        }
        Path plan = Files.writeString(dir.resolve("plan.yaml"), """
                rules:
                  - name: carts
                    preset: redis
                    redis.command: get
                    redis.key: "%scart:*"
                """.formatted(prefix));
        try (ForkedJvm app = ForkedJvm.launch(RedisApp.class.getName(), classpath()).agent("config=" + plan)
                .classpath(RedisLibraries.jars(version)).start()) {
            assertThat(app.result("jedis connect " + redis.port())).isEqualTo("ok jedis connected");

            // The plan's rule, the default fault: Jedis's own connection exception, through Jedis and JedisPooled.
            assertThat(app.result("jedis plain get " + prefix + "cart:1")).isEqualTo(JEDIS_TIMEOUT);
            assertThat(app.result("jedis pooled get " + prefix + "cart:1")).isEqualTo(JEDIS_TIMEOUT);
            assertThat(app.result("jedis plain get " + prefix + "other")).as("the connection is intact after a fault").isEqualTo("ok two");
            assertThat(app.result("jedis pooled get " + prefix + "other")).isEqualTo("ok two");
            assertThat(app.result("jedis pooled set " + prefix + "cart:2 dos")).isEqualTo("ok OK");
            assertThat(app.result("calls carts")).isEqualTo("ok 2");
            assertThat(app.result("injections carts")).isEqualTo("ok 2");

            // A faulted SET is not sent.
            assertThat(app.result("addRule name=no-set preset=redis redis.command=Set redis.key=" + prefix + "absent-*")).isEqualTo("ok no-set");
            assertThat(app.result("jedis plain set " + prefix + "absent-1 x")).isEqualTo(JEDIS_TIMEOUT);
            assertThat(app.result("jedis pooled set " + prefix + "absent-2 x")).isEqualTo(JEDIS_TIMEOUT);
            assertThat(app.result("calls no-set")).isEqualTo("ok 2");
            try (Jedis clean = redis.cleanClient()) {
                assertThat(clean.exists(prefix + "absent-1", prefix + "absent-2")).as("faulted SETs reached the server").isZero();
                assertThat(clean.get(prefix + "cart:2")).isEqualTo("dos");
            }

            // A latency waits in the calling thread, Jedis being synchronous.
            assertThat(app.result("addRule name=slow preset=redis redis.key=" + prefix + "slow latency=300ms")).isEqualTo("ok slow");
            assertThat(app.millis("jedis plain get " + prefix + "slow")).isGreaterThanOrEqualTo(300);
            assertThat(app.result("injections slow")).isEqualTo("ok 1");

            for (String rule : new String[] {"carts", "no-set", "slow"}) {
                assertThat(app.result("removeRule " + rule)).isEqualTo("ok true");
            }
            assertThat(app.result("jedis plain get " + prefix + "cart:1")).isEqualTo("ok one");
            assertThat(app.result("jedis pooled set " + prefix + "absent-1 x")).isEqualTo("ok OK");
            assertThat(app.millis("jedis plain get " + prefix + "slow")).isLessThan(300);
        }
    }
}
