package io.tomassure.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** deploy/kubernetes: typed, complete, consistent with itself and with the services it runs. */
class KubernetesManifestsTest {

    static final Path KUSTOMIZATION = Repo.KUBERNETES_DIR.resolve("kustomization.yaml");
    static final Path SECRETS_EXAMPLE = Repo.KUBERNETES_DIR.resolve("secrets.example.yaml");
    static final String PART_OF = "app.kubernetes.io/part-of";
    static final String NAME = "app.kubernetes.io/name";

    static JsonNode kustomization;
    /** What kustomization.yaml applies. */
    static List<HasMetadata> manifests = new ArrayList<>();
    /** What the operator must create beforehand, as documented. */
    static List<HasMetadata> exampleSecrets;

    @BeforeAll
    static void read() throws IOException {
        kustomization = Repo.YAML.readTree(KUSTOMIZATION.toFile());
        for (JsonNode resource : kustomization.path("resources")) {
            manifests.addAll(Manifests.read(Repo.KUBERNETES_DIR.resolve(resource.asText())));
        }
        exampleSecrets = Manifests.read(SECRETS_EXAMPLE);
    }

    @Test
    void everyDocumentIsATypedResourceWithoutUnknownFields() {
        for (HasMetadata resource : Stream.concat(manifests.stream(), exampleSecrets.stream()).toList()) {
            assertThat(Manifests.unknownFields(resource)).as("fields the API does not know in %s", id(resource)).isEmpty();
        }
    }

    @Test
    void kustomizationListsExactlyTheManifestFiles() throws IOException {
        // A file left out is never applied; secrets.example.yaml must stay out (it holds placeholders only).
        Set<String> files = new TreeSet<>();
        try (Stream<Path> dir = Files.list(Repo.KUBERNETES_DIR)) {
            dir.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml") || f.endsWith(".yml"))
                    .filter(f -> !f.equals("kustomization.yaml") && !f.equals("secrets.example.yaml")).forEach(files::add);
        }
        List<String> listed = new ArrayList<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void everythingLivesInTheDeclaredNamespace() {
        List<String> namespaces = of(Namespace.class).stream().map(n -> n.getMetadata().getName()).toList();
        assertThat(namespaces).containsExactly(kustomization.path("namespace").asText());
        for (HasMetadata resource : Stream.concat(manifests.stream(), exampleSecrets.stream()).toList()) {
            String namespace = resource.getMetadata().getNamespace();
            assertThat(namespace == null || namespaces.contains(namespace)).as("namespace of %s", id(resource)).isTrue();
        }
    }

    @Test
    void everyServiceModuleHasADeploymentRunningTheImageQuarkusBuilds() {
        for (String service : Repo.services()) {
            assertThat(container(deployment(service)).getImage()).as(service).isEqualTo(Repo.image(service));
        }
    }

    @Test
    void probesAskTheHealthEndpointsOnTheQuarkusHttpPort() {
        for (String service : Repo.services()) {
            Container container = container(deployment(service));
            int port = Repo.httpPort(service);
            assertProbe(service + " startup", container, container.getStartupProbe(), "/q/health/started", port);
            assertProbe(service + " readiness", container, container.getReadinessProbe(), "/q/health/ready", port);
            assertProbe(service + " liveness", container, container.getLivenessProbe(), "/q/health/live", port);
        }
    }

    @Test
    void everyContainerHasCpuAndMemoryRequestsAndLimits() {
        // Without requests the scheduler overcommits; without a memory limit the JVM's heap (a share of the limit) is unbounded.
        for (Deployment d : of(Deployment.class)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                assertThat(c.getResources()).as("resources of %s", c.getName()).isNotNull();
                assertThat(c.getResources().getRequests()).as("requests of %s", c.getName()).containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as("limits of %s", c.getName()).containsKeys("cpu", "memory");
                assertThat(c.getResources().getRequests().get("memory").getNumericalAmount())
                        .as("memory request of %s is within its limit", c.getName())
                        .isLessThanOrEqualTo(c.getResources().getLimits().get("memory").getNumericalAmount());
            }
        }
    }

    @Test
    void podsRunAsNonRootOnAReadOnlyFileSystemWithAWritableTmp() {
        for (Deployment d : of(Deployment.class)) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            for (Container c : pod.getContainers()) {
                boolean nonRoot = Boolean.TRUE.equals(pod.getSecurityContext() == null ? null : pod.getSecurityContext().getRunAsNonRoot())
                        || (c.getSecurityContext() != null && Boolean.TRUE.equals(c.getSecurityContext().getRunAsNonRoot()));
                assertThat(nonRoot).as("%s runs as non-root", c.getName()).isTrue();
                assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as("%s read-only root", c.getName()).isTrue();
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as("%s privilege escalation", c.getName()).isFalse();
                // Quarkus (Vert.x file cache) and the JVM write to /tmp: it must be a writable emptyDir.
                String tmp = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                        .orElseThrow(() -> new AssertionError(c.getName() + " mounts nothing on /tmp")).getName();
                assertThat(pod.getVolumes().stream().filter(v -> v.getName().equals(tmp)).map(Volume::getEmptyDir))
                        .as("volume %s of %s is an emptyDir", tmp, c.getName()).singleElement().isNotNull();
            }
        }
    }

    @Test
    void servicesSelectADeploymentsPodsAndTargetItsPorts() {
        for (Service service : of(Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            assertThat(selector).as("selector of %s", id(service)).isNotEmpty();
            Deployment target = of(Deployment.class).stream()
                    .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                    .findFirst().orElseThrow(() -> new AssertionError(id(service) + " selects no Deployment's pods"));
            Container container = container(target);
            for (ServicePort port : service.getSpec().getPorts()) {
                assertThat(containerPort(container, port.getTargetPort()))
                        .as("%s targets port %s of %s", id(service), port.getTargetPort(), id(target)).isPresent();
            }
        }
    }

    @Test
    void disruptionBudgetsCoverADeploymentThatCanSpareAPod() {
        // A budget as large as the replica count would block every node drain.
        for (PodDisruptionBudget pdb : of(PodDisruptionBudget.class)) {
            Map<String, String> selector = pdb.getSpec().getSelector().getMatchLabels();
            Deployment target = of(Deployment.class).stream()
                    .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                    .findFirst().orElseThrow(() -> new AssertionError(id(pdb) + " selects no Deployment's pods"));
            assertThat(pdb.getSpec().getMinAvailable().getIntVal()).as("minAvailable of %s", id(pdb))
                    .isLessThan(target.getSpec().getReplicas());
        }
        assertThat(of(PodDisruptionBudget.class)).as("one budget per Deployment").hasSameSizeAs(of(Deployment.class));
    }

    @Test
    void configMapAndSecretReferencesResolve() {
        for (Deployment d : of(Deployment.class)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar env : c.getEnv()) {
                    if (env.getValueFrom() == null) {
                        continue;
                    }
                    var cm = env.getValueFrom().getConfigMapKeyRef();
                    var secret = env.getValueFrom().getSecretKeyRef();
                    if (cm != null) {
                        assertThat(configMapKeys(cm.getName())).as("%s: ConfigMap %s", env.getName(), cm.getName()).contains(cm.getKey());
                    }
                    if (secret != null) {
                        assertThat(exampleSecretKeys(secret.getName()))
                                .as("%s: Secret %s as described in secrets.example.yaml", env.getName(), secret.getName())
                                .contains(secret.getKey());
                    }
                }
            }
        }
    }

    @Test
    void containerEnvironmentNamesAreRealConfigurationProperties() {
        // Same rule as for compose: a name no property matches is ignored by the service without a word.
        for (String service : Repo.services()) {
            Set<String> known = ConfigNames.known(service);
            List<String> unknown = container(deployment(service)).getEnv().stream().map(EnvVar::getName)
                    .filter(env -> !ConfigNames.setsOneOf(env, known)).toList();
            assertThat(unknown).as("environment of %s that no property of the service matches", service).isEmpty();
        }
    }

    @Test
    void everythingCarriesTheRecommendedLabels() {
        for (HasMetadata resource : manifests) {
            assertThat(resource.getMetadata().getLabels()).as("labels of %s", id(resource)).containsEntry(PART_OF, "tom-assure");
            if (!(resource instanceof Namespace) && !(resource instanceof ConfigMap)) {
                assertThat(resource.getMetadata().getLabels()).as("labels of %s", id(resource))
                        .containsEntry(NAME, resource.getMetadata().getName());
            }
        }
        for (Deployment d : of(Deployment.class)) {
            assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).as("pod labels of %s", id(d))
                    .containsEntry(NAME, d.getMetadata().getName()).containsEntry(PART_OF, "tom-assure");
        }
    }

    private static void assertProbe(String what, Container container, Probe probe, String path, int port) {
        assertThat(probe).as(what + " probe").isNotNull();
        assertThat(probe.getHttpGet()).as(what + " probe is an HTTP GET").isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(what + " path").isEqualTo(path);
        assertThat(containerPort(container, probe.getHttpGet().getPort()).map(ContainerPort::getContainerPort))
                .as(what + " port").contains(port);
    }

    /** A port given by number or by name, as Kubernetes resolves it against the container's ports. */
    private static Optional<ContainerPort> containerPort(Container container, IntOrString port) {
        return container.getPorts().stream().filter(p -> port.getIntVal() != null
                ? port.getIntVal().equals(p.getContainerPort())
                : Objects.equals(port.getStrVal(), p.getName())).findFirst();
    }

    private static Deployment deployment(String service) {
        return of(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(service)).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + service));
    }

    /** The service's own container (named after it). */
    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(deployment.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new AssertionError(id(deployment) + " has no container named after it"));
    }

    private static Set<String> configMapKeys(String name) {
        return of(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name))
                .flatMap(c -> c.getData().keySet().stream()).collect(java.util.stream.Collectors.toSet());
    }

    private static Set<String> exampleSecretKeys(String name) {
        Set<String> keys = new TreeSet<>();
        exampleSecrets.stream().map(Secret.class::cast).filter(s -> s.getMetadata().getName().equals(name)).forEach(s -> {
            if (s.getStringData() != null) {
                keys.addAll(s.getStringData().keySet());
            }
            if (s.getData() != null) {
                keys.addAll(s.getData().keySet());
            }
        });
        return keys;
    }

    private static <T extends HasMetadata> List<T> of(Class<T> kind) {
        return manifests.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static String id(HasMetadata resource) {
        return resource.getKind() + " " + resource.getMetadata().getName();
    }
}
