package dev.chaosagent.examples.musicstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The game day's gate: a store that is not steady after its warm-up is never handed an experiment. */
class GameDayTest {

    @Test
    void aSteadyStateThatDoesNotHoldStopsTheDayBeforeAnyFault(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // A catalog that fails every request: nothing the store serves can succeed.
        HttpServer failingCatalog = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        failingCatalog.createContext("/", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        failingCatalog.start();
        List<List<String>> commands = new CopyOnWriteArrayList<>();
        GameDay.Operator operator = command -> {
            commands.add(command);
            return "plan music-store-game-day, state running";
        };
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        int exit;
        try (MusicStoreServer store = MusicStoreServer.start(0, URI.create("http://127.0.0.1:" + failingCatalog.getAddress().getPort()),
                true, "jdbc:h2:mem:game-day-test;DB_CLOSE_DELAY=-1")) {
            exit = new GameDay(URI.create("http://127.0.0.1:" + store.port()), operator,
                    new GameDay.Experiment(dir.resolve("plan.yaml"), "name: day\n", dir.resolve("journal.jsonl")), Duration.ofSeconds(1),
                    new PrintStream(report, true, StandardCharsets.UTF_8)).run();
        } finally {
            failingCatalog.stop(0);
        }

        assertThat(exit).isEqualTo(GameDay.NOT_STEADY);
        assertThat(commands).as("the operator was never asked").isEmpty();
        assertThat(dir.resolve("plan.yaml")).as("no experiment was installed").doesNotExist();
        String text = report.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("the store is NOT steady after the warm-up").contains("no fault was injected");
    }
}
