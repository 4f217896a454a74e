package dev.chaosagent.preset.kafka;

import dev.chaosagent.preset.PresetKey;
import dev.chaosagent.scope.Glob;

/** The scope keys of the Kafka presets: topics and keys are case-sensitive, as Kafka's are. */
final class KafkaKeys {

    /** {@code kafka.topic}: a send's topic, or any topic a consumer subscribed to. */
    static final PresetKey TOPIC = new PresetKey() {
        @Override
        public String name() {
            return "kafka.topic";
        }

        @Override
        public boolean matches(Object operation, Glob pattern) {
            if (operation instanceof ProducerSend send) {
                return pattern.matches(send.topic());
            }
            for (String topic : ((ConsumerPoll) operation).topics()) {
                if (pattern.matches(topic)) {
                    return true;
                }
            }
            return false;
        }
    };

    /** {@code kafka.key}: a sent record's key as text ({@link ProducerSend#key}); a record without a key matches none. */
    static final PresetKey KEY = new PresetKey() {
        @Override
        public String name() {
            return "kafka.key";
        }

        @Override
        public boolean matches(Object operation, Glob pattern) {
            String key = ((ProducerSend) operation).key();
            return key != null && pattern.matches(key);
        }
    };

    private KafkaKeys() {
    }
}
