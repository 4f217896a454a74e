package dev.chaosagent.it;

import com.example.kafka.KafkaBroker;
import dev.chaosagent.harness.CommandLoop;
import dev.chaosagent.harness.ForkedJvm;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The Kafka presets' broker ({@link KafkaBroker}) in a JVM of its own, started on this JVM's class
 * path (the broker's jars are test dependencies), and what the tests ask of it from here, with this
 * JVM's own kafka-clients and no agent: topics created, and every record a topic holds. Also the
 * client versions of the matrix, one folder of jars each under {@code target/it-libs/kafka}.
 */
final class KafkaBrokerJvm implements AutoCloseable {

    private static final Path CLIENTS = Path.of(System.getProperty("chaos.it.libs", "target/it-libs"), "kafka");

    private final ForkedJvm broker;
    private final String bootstrap;

    private KafkaBrokerJvm(ForkedJvm broker) {
        this.broker = broker;
        this.bootstrap = broker.readyLine().substring("ready ".length()).trim();
    }

    static KafkaBrokerJvm start() throws IOException {
        List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of).toList();
        return new KafkaBrokerJvm(ForkedJvm.launch(KafkaBroker.class.getName(), classpath).jvmArgs("-Xmx512m")
                .readyWhen(Pattern.compile("^ready \\S+:\\d+"), Duration.ofMinutes(2)).start());
    }

    /** {@code host:port}, the loopback port the broker bound. */
    String bootstrap() {
        return bootstrap;
    }

    void createTopics(String... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<NewTopic> created = new ArrayList<>();
            for (String topic : topics) {
                created.add(new NewTopic(topic, 1, (short) 1));
            }
            admin.createTopics(created).all().get();
        }
    }

    /** The values of every record the topic's one partition holds, in order. */
    List<String> values(String topic) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrap);
        properties.put("key.deserializer", StringDeserializer.class.getName());
        properties.put("value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the broker did not give " + topic + "'s " + end + " records in 30 s: " + values);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }

    /** The kafka-clients versions of the matrix, e.g. {@code kafka-clients-3.9.1}. */
    static Stream<String> clientVersions() throws IOException {
        try (Stream<Path> folders = Files.list(CLIENTS)) {
            List<String> versions = folders.map(folder -> folder.getFileName().toString()).sorted().toList();
            if (versions.isEmpty()) {
                throw new IllegalStateException("no kafka-clients in " + CLIENTS + ": run the build's pre-integration-test phase");
            }
            return versions.stream();
        }
    }

    /** The jars of one client version, and the harness's, which serves the application's commands. */
    static List<Path> jars(String version) throws IOException {
        try (Stream<Path> jars = Files.list(CLIENTS.resolve(version))) {
            List<Path> all = new ArrayList<>(jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().toList());
            all.add(ForkedJvm.codeSource(CommandLoop.class));
            return all;
        }
    }

    @Override
    public void close() throws Exception {
        broker.close();
    }
}
