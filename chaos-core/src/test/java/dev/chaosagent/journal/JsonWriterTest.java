package dev.chaosagent.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void timesAreIsoUtcToTheMillisecondAndReadBackAsTheSameInstant() {
        assertThat(JsonWriter.time(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(JsonWriter.time(Instant.parse("2026-11-26T23:06:47.123456789Z"))).isEqualTo("2026-11-26T23:06:47.123Z");
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L)); // up to 2100
            assertThat(Instant.parse(JsonWriter.time(instant))).isEqualTo(instant);
        }
    }
}
