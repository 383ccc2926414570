package io.tomassure.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where the stack's programs come from ({@code repo}), where its state lives ({@code data}: survives restarts) and
 * the ports it listens on. {@code webhookReceiverPort} is where a local webhook receiver may listen: its origin
 * (http://localhost:port) is the only local one notification-service may call. {@code consolePort}: the console's, the
 * only origin the realm lets people sign in to (its redirect URI).
 */
public record StackConfig(Path repo, Path data, int postgresPort, int kafkaPort, int kafkaControllerPort,
        int keycloakPort, int keycloakManagementPort, int smtpPort, int webhookReceiverPort,
        Map<TomService, Integer> servicePorts, int consolePort) {

    /** Database user and password of every service, and of Keycloak: the embedded server only listens on localhost. */
    public static final String DB_USER = "tom";
    public static final String DB_PASSWORD = "tom";

    /** The ports the README documents: the console on 8080, the services on 8081-8084, Keycloak on 8180. */
    public static StackConfig standard(Path repo, Path data) {
        Map<TomService, Integer> services = new EnumMap<>(TomService.class);
        for (TomService service : TomService.values()) {
            services.put(service, service.standardPort());
        }
        return new StackConfig(repo, data, 55432, 9092, 9093, 8180, 9180, 2525, 8099, services, 8080);
    }

    /** Every port free at the time of the call: for a test stack beside a running one. */
    public static StackConfig onFreePorts(Path repo, Path data) {
        Map<TomService, Integer> services = new EnumMap<>(TomService.class);
        for (TomService service : TomService.values()) {
            services.put(service, freePort());
        }
        return new StackConfig(repo, data, freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
                services, freePort());
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

    public String kafkaBootstrap() {
        return "localhost:" + kafkaPort;
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
