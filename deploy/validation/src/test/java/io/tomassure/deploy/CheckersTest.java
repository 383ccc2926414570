package io.tomassure.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The checkers the deploy-file tests rely on, shown to catch what they are meant to catch. */
class CheckersTest {

    @Test
    void unknownFieldsAreFoundDeepInsideAPodSpec() throws Exception {
        JsonNode document = Repo.YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x, lables: {a: b}}
                spec:
                  template:
                    spec:
                      containers:
                        - name: x
                          readinessProbe: {httpGet: {paht: /q/health/ready, port: 8080}}
                """);
        assertThat(Manifests.unknownFields(Manifests.read(document, "snippet")))
                .containsExactlyInAnyOrder("Deployment.Metadata.lables",
                        "Deployment.Spec.Template.Spec.Containers[0].ReadinessProbe.HttpGet.paht");
    }

    @Test
    void unexpectedKindsAreRefused() throws Exception {
        JsonNode document = Repo.YAML.readTree("{apiVersion: extensions/v1beta1, kind: Deployment, metadata: {name: x}}");
        assertThatThrownBy(() -> Manifests.read(document, "snippet")).hasMessageContaining("extensions/v1beta1/Deployment");
    }

    @Test
    void environmentNamesMapToPropertiesByTheMicroProfileRules() {
        List<String> properties = List.of("quarkus.datasource.jdbc.url", "TOM_OIDC_URL", "tom.audit.signing-key");
        assertThat(ConfigNames.setsOneOf("QUARKUS_DATASOURCE_JDBC_URL", properties)).isTrue();
        assertThat(ConfigNames.setsOneOf("TOM_OIDC_URL", properties)).isTrue();
        assertThat(ConfigNames.setsOneOf("TOM_AUDIT_SIGNING_KEY", properties)).isTrue();
        assertThat(ConfigNames.setsOneOf("QUARKUS_DATASOURCE_URL", properties)).isFalse();
        assertThat(ConfigNames.setsOneOf("TOM_AUDIT_SIGNINGKEY", properties)).isFalse();
    }

    @Test
    void theServicesKnowTheirOwnAndTheSharedProperties() {
        assertThat(ConfigNames.known("audit-service"))
                .contains("quarkus.datasource.jdbc.url", "TOM_OIDC_URL", "tom.audit.seal-every", "tom.audit.signing-key")
                .doesNotContain("quarkus.mailer.host");
    }

    @Test
    void aConfigMappingsPropertiesAreKnownGroupsIncluded() {
        assertThat(ConfigNames.known("notification-service")).contains("tom.notification.webhooks.secret-key",
                "tom.notification.webhooks.allowed-origins", "tom.notification.delivery.per-recipient",
                "tom.notification.retry.max-attempts").doesNotContain("tom.notification.webhooks", "tom.notification.secret-key");
        assertThat(ConfigNames.known("approval-service")).contains("tom.approval.gate-recheck",
                "tom.approval.agreements.end-user-policy");
    }
}
