package io.tomassure.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where the stack's programs come from ({@code repo}), where its state lives ({@code data}: survives restarts) and
 * the ports it listens on. {@code webhookReceiverPort} is where a local webhook receiver may listen: its origin
 * (http://localhost:port) is the only local one notification-service may call. {@code consolePort}: the console's, the
 * only origin the realm lets people sign in to (its redirect URI).
 *
 * <p>Scaled out ({@link #scaledOut}), each service runs as several instances on {@code instancePorts}, behind a
 * round-robin entry point on {@code servicePorts}, and Kafka as a cluster of several {@code kafka} nodes.
 */
public record StackConfig(Path repo, Path data, int postgresPort, List<KafkaNode> kafka, int keycloakPort,
        int keycloakManagementPort, int smtpPort, int webhookReceiverPort, Map<TomService, Integer> servicePorts,
        Map<TomService, List<Integer>> instancePorts, int consolePort) {

    /** One Kafka node (broker and controller in one process): its client and controller ports. */
    public record KafkaNode(int id, int port, int controllerPort) {
    }

    /** Database user and password of every service, and of Keycloak: the embedded server only listens on localhost. */
    public static final String DB_USER = "tom";
    public static final String DB_PASSWORD = "tom";

    /** The ports the README documents: the console on 8080, the services on 8081-8084, Keycloak on 8180. */
    public static StackConfig standard(Path repo, Path data) {
        Map<TomService, Integer> services = new EnumMap<>(TomService.class);
        for (TomService service : TomService.values()) {
            services.put(service, service.standardPort());
        }
        return new StackConfig(repo, data, 55432, List.of(new KafkaNode(1, 9092, 9093)), 8180, 9180, 2525, 8099, services,
                Map.of(), 8080);
    }

    /** Every port free at the time of the call: for a test stack beside a running one. */
    public static StackConfig onFreePorts(Path repo, Path data) {
        return scaledOut(repo, data, 1, 1);
    }

    /**
     * On free ports, with {@code instances} of every service behind a round-robin entry point (HAProxy, from Debian's
     * packages) when more than one, and a Kafka cluster of {@code brokers} nodes.
     */
    public static StackConfig scaledOut(Path repo, Path data, int instances, int brokers) {
        Map<TomService, Integer> services = new EnumMap<>(TomService.class);
        Map<TomService, List<Integer>> instancePorts = new EnumMap<>(TomService.class);
        for (TomService service : TomService.values()) {
            services.put(service, freePort());
            if (instances > 1) {
                List<Integer> ports = new ArrayList<>();
                for (int i = 0; i < instances; i++) {
                    ports.add(freePort());
                }
                instancePorts.put(service, List.copyOf(ports));
            }
        }
        List<KafkaNode> kafka = new ArrayList<>();
        for (int id = 1; id <= brokers; id++) {
            kafka.add(new KafkaNode(id, freePort(), freePort()));
        }
        return new StackConfig(repo, data, freePort(), List.copyOf(kafka), freePort(), freePort(), freePort(), freePort(),
                services, Map.copyOf(instancePorts), freePort());
    }

    /** The repository folder above {@code start}: the one holding both the root pom and deploy/. */
    public static Path findRepo(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("deploy/keycloak"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the TOM Assure repository: " + start.toAbsolutePath());
    }

    public String serviceUrl(TomService service) {
        return "http://localhost:" + servicePorts.get(service);
    }

    /** The console, where people sign in. */
    public String consoleUrl() {
        return "http://localhost:" + consolePort;
    }

    /** Where a service says it is ready. */
    public String serviceHealth(TomService service) {
        return serviceUrl(service) + "/q/health/ready";
    }

    /** Where Keycloak says it is ready (its management interface). */
    public String keycloakHealth() {
        return "http://localhost:" + keycloakManagementPort + "/health/ready";
    }

    public String keycloakUrl() {
        return "http://localhost:" + keycloakPort;
    }

    public String issuer() {
        return keycloakUrl() + "/realms/" + Keycloak.REALM;
    }

    /** The origin of the local webhook receiver, exempt from the rule that webhooks go to public https hosts. */
    public String webhookReceiverOrigin() {
        return "http://localhost:" + webhookReceiverPort;
    }

    /** Every broker, as clients bootstrap from them. */
    public String kafkaBootstrap() {
        return String.join(",", kafka.stream().map(node -> "localhost:" + node.port()).toList());
    }

    /** How many instances each service runs. */
    public int instances() {
        return instancePorts.isEmpty() ? 1 : instancePorts.values().iterator().next().size();
    }

    /** The port instance {@code index} of {@code service} listens on: the service's own port when it runs alone. */
    public int instancePort(TomService service, int index) {
        return instancePorts.isEmpty() ? servicePorts.get(service) : instancePorts.get(service).get(index);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgresPort + "/" + database;
    }

    public Path logs() {
        return data.resolve("logs");
    }

    public Path buildOutput() {
        return repo.resolve("deploy/local-stack/target");
    }

    /** Ports handed out by this JVM: two parts of one stack must not be given the same one. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final int LOWEST_PORT = 20000;

    /**
     * A port free now, below the kernel's ephemeral range. A part binds its port only when it starts, up to a minute
     * later; a port from the ephemeral range may be taken meanwhile as some outgoing connection's local port (a CI run
     * lost the entry point so), one below it only by a deliberate bind.
     */
    public static int freePort() {
        int ephemeral = ephemeralRangeStart();
        for (int attempt = 0; ephemeral - LOWEST_PORT > 1000 && attempt < 200; attempt++) {
            int port = LOWEST_PORT + ThreadLocalRandom.current().nextInt(ephemeral - LOWEST_PORT);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            HANDED_OUT.add(socket.getLocalPort());
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The first port of Linux's ephemeral range ({@code ip_local_port_range}); 32768, its default, elsewhere. Read by
     * lines: {@code Files.readString} trusts the size /proc reports and returned only the first digit on JDK 17.
     */
    static int ephemeralRangeStart() {
        try {
            return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }
}
