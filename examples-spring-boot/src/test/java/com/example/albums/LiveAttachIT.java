package com.example.albums;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.albums.AlbumsJvm.Run;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A game day against the running fat jar, started without the agent: attach, add a fault, the kill switch. */
class LiveAttachIT {

    @Test
    void attachAddAndStopWithTheCli() throws Exception {
        try (AlbumsJvm albums = AlbumsJvm.start()) {
            String pid = albums.pid();
            assertThat(albums.get("/albums/7/price").body()).isEqualTo("999");

            Run attach = AlbumsJvm.cli("attach", pid);
            assertThat(attach.exitCode()).as(attach.err()).isZero();
            assertThat(attach.out()).startsWith("chaos-agent attached to JVM " + pid);

            Run add = AlbumsJvm.cli("add", pid,
                    "name=pricing-down target=com.example.albums.PriceService#price exception=java.lang.IllegalStateException message=\"chaos: pricing down\"");
            assertThat(add.exitCode()).as(add.err()).isZero();
            assertThat(add.out()).isEqualTo("added pricing-down\n");
            HttpResponse<String> down = albums.get("/albums/7/price");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).isEqualTo("chaos: pricing down");
            assertThat(AlbumsJvm.cli("rules", pid).out()).containsPattern("(?m)^pricing-down +armed +1 +1 ");

            Run stop = AlbumsJvm.cli("stop", pid);
            assertThat(stop.exitCode()).as(stop.err()).isZero();
            assertThat(stop.out()).isEqualTo("kill switch: 1 rule removed, original bytecode restored\n");
            HttpResponse<String> back = albums.get("/albums/7/price");
            assertThat(back.statusCode()).isEqualTo(200);
            assertThat(back.body()).isEqualTo("999");
        }
    }
}
