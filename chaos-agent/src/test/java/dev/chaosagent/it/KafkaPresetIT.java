package dev.chaosagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.kafka.KafkaApp;
import dev.chaosagent.harness.ForkedJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code kafka-producer} and {@code kafka-consumer} presets on kafka-clients 3.x and 4.x, each in
 * a JVM of its own under the agent, against a real broker (KRaft) in another: a dropped record is
 * reported sent and is absent from the broker, a failed send reaches its future and its callback
 * once and never throws, a delayed send returns at once, a poll on a subscribed topic is delayed or
 * fails, the scope keys select exactly, every operation counts once, and removing the rules
 * restores the clients.
 */
class KafkaPresetIT {

    /** The app's answer to {@code send}: when send returned, then what its future and its callback said, and when. */
    private static final Pattern SENT = Pattern.compile(
            "ok \\(\\d+ms\\) returned (\\d+)ms; future (.+?) after (\\d+)ms(?:; callback (.+) after (\\d+)ms)?");

    private static KafkaBrokerJvm broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBrokerJvm.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    static Stream<String> clients() throws Exception {
        return KafkaBrokerJvm.clientVersions();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void aDroppedRecordIsReportedSentAndNeverReachesTheBrokerAFailedSendReachesItsFutureAndCallbackOnce(String client)
            throws Exception {
        String major = client.replaceFirst("kafka-clients-(\\d+).*", "$1");
        String orders = "orders-" + major;
        String payments = "payments-" + major;
        broker.createTopics(orders, payments);
        Path plan = Plans.write(dir, """
                rules:
                  - name: lose-orders
                    preset: kafka-producer
                    kafka.topic: orders-*
                    kafka.key: "drop-*"
                    drop: true
                """);
        try (ForkedJvm app = ForkedJvm.application("config=" + plan, KafkaApp.class, KafkaBrokerJvm.jars(client))) {
            assertThat(app.result("connect " + broker.bootstrap())).isEqualTo("ok connected");

            assertThat(send(app, "callback", orders, "keep-1", "o1")).containsExactly("sent " + orders + "-0@0", "sent " + orders + "-0@0");
            assertThat(send(app, "plain", orders, "drop-1", "o2")).as("dropped: offset -1").containsExactly("sent " + orders + "-0@-1");
            assertThat(send(app, "callback", orders, "drop-2", "o3")).containsExactly("sent " + orders + "-0@-1", "sent " + orders + "-0@-1");
            assertThat(send(app, "callback", orders, "-", "o4")).as("no key, out of kafka.key's scope").containsExactly(
                    "sent " + orders + "-0@1", "sent " + orders + "-0@1");
            assertThat(send(app, "callback", payments, "drop-3", "p1")).containsExactly("sent " + payments + "-0@0", "sent " + payments + "-0@0");
            assertThat(app.result("calls lose-orders")).as("only the sends in scope count").isEqualTo("ok 2");
            assertThat(app.result("injections lose-orders")).isEqualTo("ok 2");

            // The JMX door: the default fault, Kafka's TimeoutException, through the future and the callback.
            assertThat(app.result("addRule name=payments-down preset=kafka-producer kafka.topic=" + payments)).isEqualTo("ok payments-down");
            String timeout = "failed org.apache.kafka.common.errors.TimeoutException";
            assertThat(send(app, "callback", payments, "k", "p2")).as("the future, then the callback, with metadata naming the topic")
                    .containsExactly(timeout + " (no metadata)", timeout + " (" + payments + ")");
            assertThat(send(app, "plain", payments, "k", "p3")).containsExactly(timeout + " (no metadata)");
            assertThat(app.result("addRule name=payments-denied preset=kafka-producer kafka.topic=" + payments
                    + " exception=org.apache.kafka.common.errors.TopicAuthorizationException message=\"chaos: denied\""))
                    .isEqualTo("ok payments-denied");
            assertThat(app.result("removeRule payments-down")).isEqualTo("ok true");
            String denied = "failed org.apache.kafka.common.errors.TopicAuthorizationException";
            assertThat(send(app, "callback", payments, "k", "p4")).containsExactly(denied + " (no metadata)", denied + " (" + payments + ")");
            assertThat(app.result("calls payments-denied")).isEqualTo("ok 1");

            // A latency: send returns at once, its future and callback answer that much later, the record is sent.
            assertThat(app.result("removeRule payments-denied")).isEqualTo("ok true");
            assertThat(app.result("addRule name=slow-payments preset=kafka-producer kafka.topic=" + payments + " latency=500ms"))
                    .isEqualTo("ok slow-payments");
            List<String> figures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Matcher sent = SENT.matcher(app.call("send callback " + payments + " k p" + (5 + i)));
                assertThat(sent.matches()).isTrue();
                long returned = Long.parseLong(sent.group(1));
                long future = Long.parseLong(sent.group(3));
                long callback = Long.parseLong(sent.group(5));
                figures.add("returned " + returned + "ms, callback " + callback + "ms, future " + future + "ms");
                assertThat(sent.group(2)).isEqualTo("sent " + payments + "-0@" + (1 + i));
                assertThat(sent.group(4)).isEqualTo(sent.group(2));
                assertThat(returned).as("send returned at once: " + figures).isLessThan(250);
                assertThat(callback).as("the callback came 500 ms late: " + figures).isGreaterThanOrEqualTo(500);
                assertThat(future).as("the future too: " + figures).isGreaterThanOrEqualTo(500);
            }
            System.out.println(client + ", send under latency=500ms: " + figures);
            assertThat(app.result("calls slow-payments")).as("the agent's own send of each record is not counted").isEqualTo("ok 3");

            int callbackSends = 6 + 3;
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> app.result("callbacks").equals("ok " + callbackSends));

            assertThat(app.result("removeRule slow-payments")).isEqualTo("ok true");
            assertThat(app.result("removeRule lose-orders")).isEqualTo("ok true");
            app.awaitStderr("original bytecode restored");
            assertThat(send(app, "callback", orders, "drop-4", "o5")).containsExactly("sent " + orders + "-0@2", "sent " + orders + "-0@2");
        }
        assertThat(broker.values(orders)).as("the dropped records never reached the broker").containsExactly("o1", "o4", "o5");
        assertThat(broker.values(payments)).as("the failed sends were not sent, the delayed ones were").containsExactly("p1", "p5", "p6", "p7");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void aPollOfASubscribedTopicIsDelayedOrFailsFromItsFirstPoll(String client) throws Exception {
        String major = client.replaceFirst("kafka-clients-(\\d+).*", "$1");
        String events = "events-" + major;
        String other = "other-" + major;
        broker.createTopics(events, other);
        // 4.x polls through its new consumer protocol's AsyncKafkaConsumer; 3.x through the classic one.
        String protocol = major.equals("3") ? "classic" : "consumer";
        try (ForkedJvm app = ForkedJvm.application("", KafkaApp.class, KafkaBrokerJvm.jars(client))) {
            assertThat(app.result("connect " + broker.bootstrap())).isEqualTo("ok connected");
            assertThat(send(app, "plain", events, "k", "e1")).containsExactly("sent " + events + "-0@0");
            assertThat(app.result("subscribe " + events + " " + events + " " + protocol)).startsWith("ok subscribed");
            assertThat(app.result("subscribe " + other + " " + other + " " + protocol)).startsWith("ok subscribed");
            assertThat(app.result("addRule name=slow-events preset=kafka-consumer kafka.topic=events-*")).isEqualTo("ok slow-events");

            List<Long> delayed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                delayed.add(app.millis("poll " + events + " 50"));
            }
            System.out.println(client + ", poll(50ms) under the default latency=1s: " + delayed + " ms");
            assertThat(delayed).as("the first poll included").allSatisfy(millis -> assertThat(millis).isGreaterThanOrEqualTo(1000));
            assertThat(app.result("poll " + other + " 50")).startsWith("ok 0");
            assertThat(app.result("assign assigned " + events)).startsWith("ok assigned");
            long assigned = app.millis("poll assigned 50");
            assertThat(assigned).as("a consumer assigned the topic's partition, in no group").isGreaterThanOrEqualTo(1000);
            assertThat(app.result("calls slow-events")).as("one poll, one call, whichever consumer implementation").isEqualTo("ok 4");

            assertThat(app.result("removeRule slow-events")).isEqualTo("ok true");
            assertThat(app.result("addRule name=broken-events preset=kafka-consumer kafka.topic=" + events
                    + " exception=org.apache.kafka.common.KafkaException")).isEqualTo("ok broken-events");
            assertThat(app.result("poll " + events + " 50")).isEqualTo("err org.apache.kafka.common.KafkaException: injected by chaos-agent");
            assertThat(app.result("poll " + other + " 50")).startsWith("ok 0");
            assertThat(app.result("calls broken-events")).isEqualTo("ok 1");

            assertThat(app.result("removeRule broken-events")).isEqualTo("ok true");
            app.awaitStderr("original bytecode restored");
            assertThat(send(app, "plain", events, "k", "e2")).containsExactly("sent " + events + "-0@1");
            StringBuilder polled = new StringBuilder();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(polled.append(app.result("poll " + events + " 500")).append(" | "))
                    .contains("e2"));
        }
    }

    /** Sends one record; the future's outcome, then the callback's when the send had one. */
    private static List<String> send(ForkedJvm app, String how, String topic, String key, String value) {
        String answer = app.call("send " + how + " " + topic + " " + key + " " + value);
        Matcher sent = SENT.matcher(answer);
        assertThat(sent.matches()).as(answer).isTrue();
        return sent.group(4) == null ? List.of(sent.group(2)) : List.of(sent.group(2), sent.group(4));
    }
}
