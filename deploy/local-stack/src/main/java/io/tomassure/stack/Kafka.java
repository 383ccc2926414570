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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * A Kafka node in KRaft mode (broker and controller in one process), in its own JVM, its log kept between runs: alone,
 * or one of a cluster whose nodes are all controller voters. Topics are replicated to up to 3 nodes, and a write
 * needs 2 in sync when there are more than one. Clients sign in with SCRAM-SHA-512, each service as itself, and the
 * cluster allows only what {@link KafkaAccess} grants: ready means set up so, with the services' topics made.
 */
final class Kafka extends ProcessComponent {
    private static final int PARTITIONS = 3;

    private final StackConfig config;
    private final StackConfig.KafkaNode node;
    private final KafkaCredentials credentials;
    private volatile boolean accessGranted;

    Kafka(StackConfig config, StackConfig.KafkaNode node, KafkaCredentials credentials) {
        super(name(config, node), config.data());
        this.config = config;
        this.node = node;
        this.credentials = credentials;
    }

    /** "kafka" alone (the folder the local stack has always used), "kafka-2" in a cluster. */
    private static String name(StackConfig config, StackConfig.KafkaNode node) {
        return config.kafka().size() == 1 ? "kafka" : "kafka-" + node.id();
    }

    @Override
    public void start() {
        Path dir = config.data().resolve(name());
        Path properties = dir.resolve("server.properties");
        Path logDir = dir.resolve("log");
        try {
            Files.createDirectories(dir);
            boolean authenticated = Files.isRegularFile(properties) && Files.readString(properties).contains("SASL_PLAINTEXT");
            if (!authenticated && Files.exists(logDir)) {
                // a log from before the broker asked for sign-in has no admin to set it up with: start it afresh
                deleteTree(logDir);
            }
            Files.writeString(properties, serverProperties(logDir));
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(properties, dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare Kafka", e);
        }
        accessGranted = false;
        process.start(java("kafka.Kafka", properties.toString()), Map.of(), dir);
    }

    /**
     * Up and answering the admin; the cluster's first node also sets it up for the services, once all its nodes are
     * there (the topics need their replicas), once per start.
     */
    @Override
    public boolean isReady() {
        if (!process.isAlive() || !listening()) {
            return false;
        }
        try (Admin client = admin()) {
            if (client.describeCluster().nodes().get(3, TimeUnit.SECONDS).size() < (node.id() == 1 ? config.kafka().size() : 1)) {
                return false;
            }
            if (node.id() == 1 && !accessGranted) {
                grantAccess(client);
                accessGranted = true;
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** A client of this node, signed in as the admin. */
    Admin admin() {
        Properties settings = new Properties();
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + node.port()); // this node itself
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        settings.putAll(KafkaCredentials.clientSettings(KafkaCredentials.ADMIN, credentials.adminPassword()));
        return Admin.create(settings);
    }

    /**
     * The services' topics made, each service's password stored, and the ACLs granted: all of it idempotent, so a
     * restart changes nothing that is already so.
     */
    private void grantAccess(Admin client) throws Exception {
        Set<String> existing = client.listTopics().names().get(5, TimeUnit.SECONDS);
        List<NewTopic> missing = KafkaAccess.topics().stream().filter(topic -> !existing.contains(topic))
                .map(topic -> new NewTopic(topic, PARTITIONS, (short) replication()).configs(Map.of("min.insync.replicas",
                        Integer.toString(minInSync())))).toList();
        client.createTopics(missing).all().get(10, TimeUnit.SECONDS);
        List<UserScramCredentialAlteration> users = credentials.servicePasswords().entrySet().stream()
                .<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user.getKey().module(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), user.getValue()))
                .toList();
        client.alterUserScramCredentials(users).all().get(10, TimeUnit.SECONDS);
        client.createAcls(KafkaAccess.bindings()).all().get(10, TimeUnit.SECONDS);
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", node.port()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Clients sign in with SCRAM-SHA-512 (their passwords live in the cluster's metadata); the controller listener, which
     * the broker itself uses before that metadata is read, signs in the admin with PLAIN. Only the admin is a super user.
     */
    private String serverProperties(Path logDir) {
        String admin = credentials.adminPassword();
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=" + node.id(),
                "controller.quorum.voters=" + String.join(",", config.kafka().stream()
                        .map(voter -> voter.id() + "@localhost:" + voter.controllerPort()).toList()),
                "listeners=SASL_PLAINTEXT://localhost:" + node.port() + ",CONTROLLER://localhost:" + node.controllerPort(),
                "advertised.listeners=SASL_PLAINTEXT://localhost:" + node.port(),
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
                "inter.broker.listener.name=SASL_PLAINTEXT",
                "sasl.mechanism.inter.broker.protocol=" + KafkaCredentials.MECHANISM,
                "listener.name.sasl_plaintext.sasl.enabled.mechanisms=" + KafkaCredentials.MECHANISM,
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=" + KafkaCredentials.jaas(
                        "org.apache.kafka.common.security.scram.ScramLoginModule", KafkaCredentials.ADMIN, admin),
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule "
                        + "required username=\"admin\" password=\"" + admin + "\" user_admin=\"" + admin + "\";",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:" + KafkaCredentials.ADMIN,
                "allow.everyone.if.no.acl.found=false",
                "log.dirs=" + logDir,
                "num.partitions=3",
                "offsets.topic.replication.factor=" + replication(),
                "transaction.state.log.replication.factor=" + replication(),
                "transaction.state.log.min.isr=" + minInSync(),
                "share.coordinator.state.topic.replication.factor=" + replication(),
                "share.coordinator.state.topic.min.isr=" + minInSync(),
                "default.replication.factor=" + replication(),
                "min.insync.replicas=" + minInSync(),
                // consumers join at once instead of waiting 3 s for others
                "group.initial.rebalance.delay.ms=0",
                // the launcher makes the services' topics: no client may make one by writing to it
                "auto.create.topics.enable=false",
                "");
    }

    /** Up to 3 replicas of each topic. */
    private int replication() {
        return Math.min(3, config.kafka().size());
    }

    /** A write waits for 2 replicas in sync where there are more than one: losing one node loses nothing. */
    private int minInSync() {
        return replication() > 1 ? 2 : 1;
    }

    /** Formats the log folder once, with the cluster's id (every node of a cluster the same). */
    private void format(Path properties, Path dir) {
        // "--cluster-id=" joined: one id in 64 starts with '-', which the tool would take for an option
        List<String> command = java("kafka.tools.StorageTool", "format", "--cluster-id=" + clusterId(config.data()), "-c",
                properties.toString(), "--add-scram", KafkaCredentials.MECHANISM + "=[name=" + KafkaCredentials.ADMIN
                        + ",password=" + credentials.adminPassword() + "]");
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

    private static void deleteTree(Path root) throws IOException {
        try (var tree = Files.walk(root)) {
            for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The cluster's id, made once and kept: 16 random bytes in URL-safe base64 without padding. */
    private static synchronized String clusterId(Path data) {
        Path file = data.resolve("kafka-cluster.id");
        try {
            if (!Files.isRegularFile(file)) {
                UUID uuid = UUID.randomUUID();
                java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                        .putLong(uuid.getLeastSignificantBits());
                Files.writeString(file, java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array()));
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
