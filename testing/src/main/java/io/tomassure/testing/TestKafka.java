package io.tomassure.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A real Kafka broker (KRaft, broker and controller in one) inside the test JVM, unless
 * {@code TOM_TEST_KAFKA_BOOTSTRAP} names one of the developer's own. The embedded broker keeps its port and
 * log directory across {@link #stop()} and {@link #start()}, so tests can take it away and bring it back.
 */
public final class TestKafka {

    private static EmbeddedKafkaBroker broker;
    private static String bootstrapServers;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            String external = System.getenv("TOM_TEST_KAFKA_BOOTSTRAP");
            if (external != null && !external.isBlank()) {
                bootstrapServers = external;
            } else {
                int[] ports = freePorts(2);
                int port = ports[0];
                Path logDir = createLogDir();
                broker = new EmbeddedKafkaBroker()
                        .withNodeId(0)
                        .withKafkaPort(port)
                        .withControllerPort(ports[1])
                        .withDeleteLogDirsOnClose(false)
                        .withAdditionalProperties(p -> p.put("log.dir", logDir.toString()));
                broker.start();
                bootstrapServers = "localhost:" + port;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    broker.close();
                    deleteRecursively(logDir);
                }, "test-kafka-stop"));
            }
        }
        return bootstrapServers;
    }

    /** Whether this JVM runs the broker (and so can stop and restart it). */
    public static boolean isEmbedded() {
        bootstrapServers();
        return broker != null;
    }

    /** Takes the broker away, as an outage would. */
    public static synchronized void stop() {
        requireEmbedded().close();
    }

    /** Brings the broker back on the same port with the same data. */
    public static synchronized void start() {
        requireEmbedded().start();
    }

    private static EmbeddedKafkaBroker requireEmbedded() {
        if (!isEmbedded()) {
            throw new IllegalStateException("only the embedded test broker can be stopped and started");
        }
        return broker;
    }

    private static Path createLogDir() {
        try {
            return Files.createTempDirectory("tom-test-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is a temporary folder
        }
    }

    /** Distinct free ports: the sockets stay open until all are chosen, or the system may hand out one twice. */
    private static int[] freePorts(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    if (socket != null) {
                        socket.close();
                    }
                } catch (IOException ignored) {
                    // closing a probe socket
                }
            }
        }
    }
}
