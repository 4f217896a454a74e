package com.example.albums;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.albums.AlbumsJvm.Run;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executable fat jar started with {@code -javaagent:chaos-agent.jar=config=plan.yaml}: the plan's
 * rules reach the application's beans, which Boot's own class loader loads from
 * {@code BOOT-INF/classes}, and show over real HTTP.
 */
class FatJarIT {

    @TempDir
    static Path dir;
    static Path plan;
    static AlbumsJvm albums;

    @BeforeAll
    static void startWithAPlan() throws Exception {
        plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                rules:
                  - name: pricing-down
                    target: com.example.albums.PriceService#price
                    exception: java.lang.IllegalStateException
                    message: "chaos: pricing down"
                  - name: slow-albums
                    target: com.example.albums.AlbumService+#album
                    latency: 300ms
                    every: 2
                """);
        albums = AlbumsJvm.start("-javaagent:" + AlbumsJvm.AGENT_JAR + "=config=" + plan);
    }

    @AfterAll
    static void stop() throws Exception {
        albums.close();
    }

    @Test
    void thePlanReachesABeanLoadedFromBootInfClasses() throws Exception {
        HttpResponse<String> price = albums.get("/albums/7/price");

        assertThat(price.statusCode()).isEqualTo(503);
        assertThat(price.body()).isEqualTo("chaos: pricing down");
        assertThat(albums.log()).contains("chaos-agent: plan " + plan + " loaded: 2 rules");
        assertThat(albums.classesOfBootsLoader()).contains("com.example.albums.PriceService\n");
    }

    @Test
    void aCglibProxiedBeanIsCountedAndInjectedOncePerRequest() throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int request = 1; request <= 4; request++) {
            long start = System.nanoTime();
            HttpResponse<String> album = albums.get("/albums/fat-" + request);   // a new id: a cache miss, so the request reaches AlbumService#album
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertThat(album.statusCode()).isEqualTo(200);
            assertThat(album.body()).isEqualTo("{\"id\":\"fat-" + request + "\",\"title\":\"Album fat-" + request + "\"}");
        }

        assertThat(albums.classesOfBootsLoader()).contains("com.example.albums.AlbumService$$SpringCGLIB$$0");
        Run rules = AlbumsJvm.cli("rules", albums.pid());
        assertThat(rules.exitCode()).as(rules.err()).isZero();
        assertThat(rules.out()).as("4 requests, 4 calls, every 2nd injected").containsPattern("(?m)^slow-albums +armed +4 +2 ");
        assertThat(millis.get(1)).isGreaterThanOrEqualTo(300);
        assertThat(millis.get(3)).isGreaterThanOrEqualTo(300);
    }
}
