package dev.chaosagent.preset.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * One call of {@code KafkaConsumer#poll}, by the topics of its consumer that {@code kafka.topic}
 * matches: those it subscribed to ({@code subscription()}, known from {@code subscribe} on, so its
 * first poll too), or, for a consumer that was assigned partitions, the topics of those partitions.
 * Read in the polling thread, the only one a Kafka consumer allows, when the call is decided.
 */
final class ConsumerPoll {

    private final Collection<String> topics;

    ConsumerPoll(Object consumer) {
        @SuppressWarnings("unchecked")
        Set<String> subscribed = (Set<String>) KafkaApi.read(consumer, "subscription");
        if (subscribed.isEmpty()) {
            List<String> assigned = new ArrayList<>();
            for (Object partition : (Set<?>) KafkaApi.read(consumer, "assignment")) {
                assigned.add((String) KafkaApi.read(partition, "topic"));
            }
            topics = assigned;
        } else {
            topics = subscribed;
        }
    }

    Collection<String> topics() {
        return topics;
    }
}
