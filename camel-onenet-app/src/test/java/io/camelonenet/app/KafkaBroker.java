package io.camelonenet.app;

import io.camelonenet.emulator.FreePort;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real Kafka broker (4.1.1, KRaft, one node that is broker and controller) in a process of its own, on free ports,
 * its data in a directory of the test's. Its class path is the one the kafka-test-broker module writes, so the
 * broker runs with its own Kafka and Jackson, not the app's.
 */
public final class KafkaBroker implements AutoCloseable {

    static final Path CLASSPATH = Path.of("kafka-test-broker", "target", "kafka-broker.classpath");

    private final Process process;
    private final String bootstrapServers;

    private KafkaBroker(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats a fresh log directory under {@code directory}, starts the broker and waits until it answers; its output
     * goes to {@code logs}.
     */
    public static KafkaBroker start(Path directory, Path logs) throws Exception {
        if (!Files.exists(CLASSPATH)) {
            throw new IllegalStateException(CLASSPATH + " is missing: build the kafka-test-broker module first "
                    + "(./mvnw -B verify builds it before the app)");
        }
        String classpath = Files.readString(CLASSPATH).strip();
        int port = FreePort.onLoopback();
        int controller = FreePort.onLoopback();
        Files.createDirectories(directory);
        Files.createDirectories(logs);
        Path config = directory.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + directory.resolve("data").toAbsolutePath(),
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                ""));
        Process format = java(classpath, logs.resolve("kafka-format.log"), "kafka.tools.StorageTool", "format",
                "-t", Uuid.randomUuid().toString(), "-c", config.toString());
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            throw new IllegalStateException("formatting the Kafka log directory failed: "
                    + Files.readString(logs.resolve("kafka-format.log")));
        }
        Process broker = java(classpath, logs.resolve("kafka-broker.log"), "-Xmx512m", "kafka.Kafka",
                config.toString());
        KafkaBroker started = new KafkaBroker(broker, "127.0.0.1:" + port);
        try (Admin admin = started.admin()) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 1);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    private static Process java(String classpath, Path log, String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> rest = List.of(arguments);
        int main = rest.get(0).startsWith("-") ? 1 : 0;
        command.addAll(rest.subList(0, main));
        command.addAll(List.of("-cp", classpath));
        command.addAll(rest.subList(main, rest.size()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    public void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
