package io.tomassure.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A Kafka broker in KRaft mode (broker and controller in one process), in its own JVM, its log kept between runs.
 * Single node: every replication factor is 1.
 */
final class Kafka extends ProcessComponent {
    private final StackConfig config;

    Kafka(StackConfig config) {
        super("kafka", config.data());
        this.config = config;
    }

    @Override
    public void start() {
        Path dir = config.data().resolve("kafka");
        Path properties = dir.resolve("server.properties");
        Path logDir = dir.resolve("log");
        try {
            Files.createDirectories(dir);
            Files.writeString(properties, serverProperties(logDir));
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(properties, dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare Kafka", e);
        }
        process.start(java("kafka.Kafka", properties.toString()), Map.of(), dir);
    }

    @Override
    public boolean isReady() {
        if (!process.isAlive() || !listening()) {
            return false;
        }
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        try (Admin client = Admin.create(admin)) {
            return !client.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", config.kafkaPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String serverProperties(Path logDir) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + config.kafkaControllerPort(),
                "listeners=PLAINTEXT://localhost:" + config.kafkaPort() + ",CONTROLLER://localhost:" + config.kafkaControllerPort(),
                "advertised.listeners=PLAINTEXT://localhost:" + config.kafkaPort(),
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + logDir,
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // consumers join at once instead of waiting 3 s for others
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "");
    }

    /** Formats the log folder once, with a new cluster id. */
    private void format(Path properties, Path dir) {
        // "--cluster-id=" joined: one id in 64 starts with '-', which the tool would take for an option
        List<String> command = java("kafka.tools.StorageTool", "format", "--cluster-id=" + clusterId(), "-c",
                properties.toString());
        try {
            Process format = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("could not format Kafka's log folder; see " + log());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xms64m", "-Xmx512m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
                config.buildOutput().resolve("lib") + "/*", mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** A cluster id is 16 random bytes in URL-safe base64 without padding. */
    private static String clusterId() {
        UUID uuid = UUID.randomUUID();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}
