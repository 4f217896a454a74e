package dev.chaosagent.preset.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chaosagent.scope.Glob;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * How {@code kafka.key} and {@code kafka.topic} read a send's record, whatever its key's type: read
 * through the record's public {@code topic()} and {@code key()}, as on kafka-clients'
 * {@code ProducerRecord} (which {@code KafkaPresetIT} sends for real).
 */
class KafkaKeysTest {

    /** A record as the agent reads one: by its public {@code topic()} and {@code key()}. */
    public record Sent(String topic, Object key) {
    }

    @Test
    void aKeyIsReadAsTextWhateverItsType() {
        assertThat(key("user-7")).isEqualTo("user-7");
        assertThat(key("user-é".getBytes(StandardCharsets.UTF_8))).isEqualTo("user-é");
        assertThat(key(42L)).isEqualTo("42");
        assertThat(key(null)).isNull();
    }

    @Test
    void aRecordWithoutAKeyMatchesNoKeyPatternAndTopicsAreCaseSensitive() {
        ProducerSend keyed = ProducerSend.of(new Object[] {"producer", new Sent("Orders-EU", "user-7".getBytes(StandardCharsets.UTF_8))});
        ProducerSend unkeyed = ProducerSend.of(new Object[] {"producer", new Sent("Orders-EU", null)});

        assertThat(KafkaKeys.KEY.matches(keyed, Glob.of("user-*"))).isTrue();
        assertThat(KafkaKeys.KEY.matches(unkeyed, Glob.of("*"))).isFalse();
        assertThat(KafkaKeys.TOPIC.matches(keyed, Glob.of("Orders-*"))).isTrue();
        assertThat(KafkaKeys.TOPIC.matches(keyed, Glob.of("orders-*"))).isFalse();
    }

    private static String key(Object key) {
        return ProducerSend.of(new Object[] {"producer", new Sent("orders", key)}).key();
    }
}
