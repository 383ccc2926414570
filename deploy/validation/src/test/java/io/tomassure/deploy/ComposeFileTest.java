package io.tomassure.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** deploy/compose/compose.yaml: the local stack, checked against itself and against the services it runs. */
class ComposeFileTest {

    static final Path COMPOSE = Repo.COMPOSE_DIR.resolve("compose.yaml");

    static JsonNode services;
    static JsonNode root;

    @BeforeAll
    static void parse() throws IOException {
        root = Repo.YAML.readTree(COMPOSE.toFile());
        services = root.path("services");
    }

    @Test
    void parsesAndRunsEveryServiceModule() {
        assertThat(services.isObject()).as("compose.yaml has a services map").isTrue();
        assertThat(names(services)).containsAll(Repo.services());
    }

    @Test
    void everyServiceHasAnImage() {
        // Nothing is built by compose: the service images come from Quarkus (see deploy/README.md).
        services.properties().forEach(s -> assertThat(s.getValue().path("image").asText())
                .as("image of %s", s.getKey()).isNotBlank());
    }

    @Test
    void tomServiceImagesAreTheOnesQuarkusBuilds() {
        for (String service : Repo.services()) {
            assertThat(services.path(service).path("image").asText()).as(service).isEqualTo(Repo.image(service));
        }
    }

    @Test
    void dependenciesExistAndCanBecomeHealthy() {
        services.properties().forEach(s -> dependsOn(s.getValue()).forEach((target, condition) -> {
            assertThat(services.has(target)).as("%s depends on an undefined service %s", s.getKey(), target).isTrue();
            // Waiting for service_healthy on a service without a healthcheck would wait forever.
            if ("service_healthy".equals(condition)) {
                assertThat(services.path(target).has("healthcheck"))
                        .as("%s waits for %s to be healthy, which has no healthcheck", s.getKey(), target).isTrue();
            }
        }));
    }

    @Test
    void hostPortsAreUnique() {
        Map<String, String> owners = new HashMap<>();
        services.properties().forEach(s -> ports(s.getValue()).forEach(p -> {
            String previous = owners.put(p.host(), s.getKey());
            assertThat(previous).as("host port %s published by %s and %s", p.host(), previous, s.getKey()).isNull();
        }));
    }

    @Test
    void tomServicesPublishTheirQuarkusHttpPort() {
        for (String service : Repo.services()) {
            String port = String.valueOf(Repo.httpPort(service));
            assertThat(ports(services.path(service))).as(service).contains(new Port(port, port));
        }
    }

    @Test
    void tomServiceEnvironmentNamesAreRealConfigurationProperties() {
        // A misspelt name would be ignored silently and the service would fall back to its localhost default.
        for (String service : Repo.services()) {
            Set<String> known = ConfigNames.known(service);
            List<String> unknown = environment(services.path(service)).keySet().stream()
                    .filter(env -> !ConfigNames.setsOneOf(env, known)).toList();
            assertThat(unknown).as("environment of %s that no property of the service matches", service).isEmpty();
        }
    }

    @Test
    void tomServiceHealthchecksAskTheReadinessEndpoint() {
        for (String service : Repo.services()) {
            JsonNode test = services.path(service).path("healthcheck").path("test");
            String command = test.isArray() ? String.join(" ", texts(test)) : test.asText();
            assertThat(command).as(service).contains("localhost:" + Repo.httpPort(service) + "/q/health/ready");
        }
    }

    @Test
    void mountedFilesExistAndNamedVolumesAreDeclared() {
        services.properties().forEach(s -> {
            for (JsonNode volume : s.getValue().path("volumes")) {
                String source = volume.isObject() ? volume.path("source").asText() : volume.asText().split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    assertThat(COMPOSE.getParent().resolve(source).normalize())
                            .as("file mounted into %s", s.getKey()).exists();
                } else {
                    assertThat(root.path("volumes").has(source)).as("named volume %s of %s", source, s.getKey()).isTrue();
                }
            }
        });
    }

    @Test
    void demoCredentialsAreMarkedAsDemoOnly() {
        // Anything that looks like a credential in this file must sit under a "DEMO ONLY" comment.
        List<String> lines = lines(COMPOSE);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s*[A-Z_]*(PASSWORD|USERNAME|USER)\\s*:.*")) {
                assertThat(precedingComments(lines, i)).as("line %d: %s", i + 1, lines.get(i).trim()).contains("DEMO ONLY");
            }
        }
    }

    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        Path binary = onPath("docker-compose");
        assumeTrue(binary != null, "docker-compose is not installed: only the checks above ran");
        Process process = new ProcessBuilder(binary.toString(), "-f", COMPOSE.toString(), "config", "-q")
                .directory(COMPOSE.getParent().toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("docker-compose finished").isTrue();
        assertThat(process.exitValue()).as("docker-compose config -q said: %s", output).isZero();
    }

    record Port(String host, String container) {
    }

    /** Short ("[ip:]host:container[/proto]") and long ({published, target}) port syntax. */
    static List<Port> ports(JsonNode service) {
        List<Port> ports = new ArrayList<>();
        for (JsonNode p : service.path("ports")) {
            if (p.isObject()) {
                ports.add(new Port(p.path("published").asText(), p.path("target").asText()));
            } else {
                String[] parts = p.asText().replaceAll("/\\w+$", "").split(":");
                String container = parts[parts.length - 1];
                ports.add(new Port(parts.length > 1 ? parts[parts.length - 2] : container, container));
            }
        }
        return ports;
    }

    /** depends_on as a list (condition service_started) or as a map of conditions. */
    static Map<String, String> dependsOn(JsonNode service) {
        Map<String, String> targets = new LinkedHashMap<>();
        JsonNode deps = service.path("depends_on");
        if (deps.isArray()) {
            texts(deps).forEach(t -> targets.put(t, "service_started"));
        } else {
            deps.properties().forEach(d -> targets.put(d.getKey(), d.getValue().path("condition").asText("service_started")));
        }
        return targets;
    }

    /** environment as a map or as a list of NAME=value. */
    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isArray()) {
            texts(node).forEach(e -> env.put(e.split("=", 2)[0], e.contains("=") ? e.split("=", 2)[1] : null));
        } else {
            node.properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        return env;
    }

    private static List<String> names(JsonNode map) {
        List<String> names = new ArrayList<>();
        map.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static String precedingComments(List<String> lines, int index) {
        // The comment block that governs a key: the nearest comments above it within the same mapping.
        StringBuilder comments = new StringBuilder();
        for (int i = index - 1; i >= 0 && !lines.get(i).isBlank(); i--) {
            String line = lines.get(i).trim();
            if (line.startsWith("#")) {
                comments.append(line).append('\n');
            } else if (line.endsWith(":") && !line.startsWith("-")) {
                break; // the start of the enclosing mapping (environment:)
            }
        }
        return comments.toString();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        return Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable).findFirst().orElse(null);
    }
}
