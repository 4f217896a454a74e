package dev.chaosagent.preset.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chaosagent.fault.ExceptionFault;
import dev.chaosagent.fault.LatencyFault;
import dev.chaosagent.rule.Rule;
import dev.chaosagent.rule.RuleParser;
import org.junit.jupiter.api.Test;

/**
 * The Kafka presets in the rule language: their defaults, the {@code drop} fault, how a send's
 * exception and latency are delivered, and every mistake. What they do to real clients is
 * {@code KafkaPresetIT}'s.
 */
class KafkaPresetsTest {

    private final RuleParser parser = new RuleParser(getClass().getClassLoader());

    @Test
    void aProducerRuleWithoutAFaultFailsTheSendWithKafkasTimeoutEvenWhereKafkaIsNotVisible() {
        Rule rule = parser.parse("name=orders-lost preset=kafka-producer kafka.topic=orders");

        assertThat(rule.fault()).isSameAs(FailedSend.TIMING_OUT);
        assertThat(rule.toSpec()).isEqualTo("name=orders-lost preset=kafka-producer exception=org.apache.kafka.common.errors.TimeoutException"
                + " kafka.topic=orders");
        assertThat(parser.parse("name=orders-lost preset=kafka-producer kafka.topic=orders")).isEqualTo(rule);
        assertThat(rule.methods()).extracting(Object::toString).containsExactly(
                "org.apache.kafka.clients.producer.KafkaProducer#send(org.apache.kafka.clients.producer.ProducerRecord)",
                "org.apache.kafka.clients.producer.KafkaProducer#send(org.apache.kafka.clients.producer.ProducerRecord,"
                        + "org.apache.kafka.clients.producer.Callback)");
    }

    @Test
    void aSendsExceptionAndLatencyReachItsFutureAndCallbackAndOtherFaultsActAsUsual() {
        Rule failing = parser.parse("preset=kafka-producer exception=java.io.IOException");
        assertThat(failing.fault()).isInstanceOf(ExceptionFault.class);
        assertThat(failing.acting()).isEqualTo(new FailedSend((ExceptionFault) failing.fault()));
        assertThat(failing.acting().key() + "=" + failing.acting().value()).isEqualTo("exception=java.io.IOException");

        Rule slow = parser.parse("preset=kafka-producer latency=200ms..400ms");
        assertThat(slow.acting()).isEqualTo(new DelayedSend((LatencyFault) slow.fault()));
        assertThat(slow.acting().key() + "=" + slow.acting().value()).isEqualTo("latency=200ms..400ms");

        Rule dropping = parser.parse("preset=kafka-producer drop=true kafka.key=user-*");
        assertThat(dropping.acting()).isSameAs(DroppedSend.INSTANCE);
        assertThat(dropping.toSpec()).isEqualTo("preset=kafka-producer drop=true kafka.key=user-*");

        Rule burning = parser.parse("preset=kafka-producer cpu=10ms");
        assertThat(burning.acting()).isSameAs(burning.fault());
    }

    @Test
    void aConsumerRuleDelaysThePollByDefaultAndThrowsItsException() {
        Rule rule = parser.parse("preset=kafka-consumer kafka.topic=orders-*");

        assertThat(rule.fault()).isInstanceOfSatisfying(LatencyFault.class, latency -> assertThat(latency.value()).isEqualTo("1s"));
        Rule failing = parser.parse("preset=kafka-consumer exception=java.lang.IllegalStateException");
        assertThat(failing.acting()).isSameAs(failing.fault());
        assertThat(rule.methods()).extracting(Object::toString).containsExactly(
                "org.apache.kafka.clients.consumer.KafkaConsumer#poll(java.time.Duration)",
                "org.apache.kafka.clients.consumer.KafkaConsumer#poll(long)");
    }

    @Test
    void everyMistakeGetsOneMessageNamingKeyValueAndExpectation() {
        assertThatThrownBy(() -> parser.parse("preset=kafka-producer drop=false"))
                .hasMessage("drop: \"false\" is not true (expected drop=true; a rule that should not drop is removed or enabled=false)");
        assertThatThrownBy(() -> parser.parse("preset=kafka-producer exception=java.io.IOException at=exit"))
                .hasMessage("at: \"exit\" cannot be used with preset kafka-producer's exception (expected at=entry: the send's future"
                        + " and callback report it, and they are Kafka's once the record is sent)");
        assertThatThrownBy(() -> parser.parse("preset=kafka-producer at=exit"))
                .hasMessageStartingWith("at: \"exit\" cannot be used with preset kafka-producer's exception");
        assertThatThrownBy(() -> parser.parse("preset=kafka-producer latency=1s at=exit"))
                .hasMessageStartingWith("at: \"exit\" cannot be used with preset kafka-producer's latency");
        assertThatThrownBy(() -> parser.parse("preset=kafka-consumer kafka.key=user-1"))
                .hasMessageStartingWith("kafka.key: \"user-1\" is not a key of preset kafka-consumer (expected one of kafka.topic,");
        assertThatThrownBy(() -> parser.parse("preset=kafka-consumer drop=true"))
                .hasMessageStartingWith("drop: \"true\" is not a known key");
        assertThatThrownBy(() -> parser.parse("target=com.acme.Orders#send latency=1ms kafka.topic=orders"))
                .hasMessage("kafka.topic: \"orders\" is a key of preset kafka-producer (expected preset=kafka-producer instead of a target)");
        assertThatThrownBy(() -> parser.parse("preset=kafka-producer drop=true exception=java.io.IOException"))
                .hasMessageStartingWith("rule: \"preset=kafka-producer\" has faults drop and exception (expected exactly one of");
    }
}
