package io.tomassure.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The realm export (deploy/keycloak/tom-realm.json) and what the launcher, demo data and tests take from it agree. */
class RealmTest {
    private static final List<String> ROLES = List.of("supplier", "euo", "nhsd-assurance", "nhsd-clinical-safety", "auditor", "admin");

    private final JsonNode realm = read();

    @Test
    void hasARealmRoleForEachWayOfActing() {
        assertThat(realm.path("realm").asText()).isEqualTo(Keycloak.REALM);
        assertThat(texts(realm.path("roles").path("realm"), "name")).containsExactlyInAnyOrderElementsOf(ROLES);
    }

    @Test
    void everyDemoUserIsInTheRealmWithItsRoleOrganisationAndEmail() {
        for (DemoUser user : DemoUser.values()) {
            JsonNode found = user(user.username());
            assertThat(texts(found.path("realmRoles"), null)).containsExactly(user.role());
            assertThat(found.path("attributes").path("org").get(0).asText()).isEqualTo(user.org());
            assertThat(found.path("email").asText()).isEqualTo(user.email());
            assertThat(found.path("credentials").get(0).path("value").asText()).isEqualTo(Tokens.DEMO_PASSWORD);
        }
    }

    @Test
    void theSupplierSystemActsForTheDemoSupplierWithTheDemoSecret() {
        JsonNode client = client(Tokens.SUPPLIER_SYSTEM_CLIENT);
        assertThat(client.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(client.path("secret").asText()).isEqualTo(Tokens.SUPPLIER_SYSTEM_SECRET).startsWith("demo-only");
        JsonNode account = user("service-account-" + Tokens.SUPPLIER_SYSTEM_CLIENT);
        assertThat(account.path("attributes").path("org").get(0).asText()).isEqualTo(DemoUser.SUPPLIER.org());
        assertThat(texts(account.path("realmRoles"), null)).containsExactly("supplier");
    }

    @Test
    void theApprovalUiIsAPublicClientWithPkceOnly() {
        JsonNode ui = client("tom-approval-ui");
        assertThat(ui.path("publicClient").asBoolean()).isTrue();
        assertThat(ui.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(ui.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(ui.path("directAccessGrantsEnabled").asBoolean()).isFalse();
    }

    @Test
    void everyClientPeopleOrSystemsSignInWithPutsTheOrganisationInTheToken() {
        for (String clientId : List.of("tom-approval-ui", Tokens.SUPPLIER_SYSTEM_CLIENT, Tokens.LOCAL_TOOLS_CLIENT)) {
            JsonNode mappers = client(clientId).path("protocolMappers");
            assertThat(mappers).as(clientId).anySatisfy(m -> {
                assertThat(m.path("config").path("user.attribute").asText()).isEqualTo("org");
                assertThat(m.path("config").path("claim.name").asText()).isEqualTo("org");
                assertThat(m.path("config").path("access.token.claim").asText()).isEqualTo("true");
            });
        }
        for (TomService service : TomService.values()) {
            JsonNode client = client(service.module());
            assertThat(client.path("standardFlowEnabled").asBoolean() || client.path("directAccessGrantsEnabled").asBoolean())
                    .as(service.module()).isFalse();
            // only a service that reads the audit log as itself has a service account: an auditor, nothing more
            assertThat(client.path("serviceAccountsEnabled").asBoolean()).as(service.module())
                    .isEqualTo(service.demoClientSecret() != null);
            if (service.demoClientSecret() != null) {
                assertThat(client.path("secret").asText()).isEqualTo(service.demoClientSecret());
                JsonNode account = user("service-account-" + service.module());
                assertThat(texts(account.path("realmRoles"), null)).containsExactly("auditor");
                assertThat(account.path("attributes").path("org").isMissingNode()).isTrue();
            }
        }
    }

    @Test
    void exactlyTheClientsThatMayCallTheServicesGetTheirAudiences() {
        List<String> callers = List.of("tom-approval-ui", Tokens.SUPPLIER_SYSTEM_CLIENT, Tokens.LOCAL_TOOLS_CLIENT);
        List<String> services = java.util.Arrays.stream(TomService.values()).map(TomService::module).toList();
        for (JsonNode client : realm.path("clients")) {
            List<String> audiences = new ArrayList<>();
            client.path("protocolMappers").forEach(m -> {
                if (m.path("protocolMapper").asText().equals("oidc-audience-mapper")) {
                    assertThat(m.path("config").path("access.token.claim").asText()).isEqualTo("true");
                    assertThat(m.path("config").path("id.token.claim").asText()).isEqualTo("false");
                    audiences.add(m.path("config").path("included.client.audience").asText());
                }
            });
            String clientId = client.path("clientId").asText();
            boolean readsAuditLog = java.util.Arrays.stream(TomService.values())
                    .anyMatch(s -> s.module().equals(clientId) && s.demoClientSecret() != null);
            assertThat(audiences).as(clientId).containsExactlyInAnyOrderElementsOf(callers.contains(clientId) ? services
                    : readsAuditLog ? List.of(TomService.AUDIT.module()) : List.of());
        }
    }

    private JsonNode user(String username) {
        for (JsonNode user : realm.path("users")) {
            if (user.path("username").asText().equals(username)) {
                return user;
            }
        }
        throw new AssertionError("no user " + username + " in the realm");
    }

    private JsonNode client(String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId + " in the realm");
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(field == null ? n.asText() : n.path(field).asText()));
        return texts;
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(StackConfig.findRepo(Path.of("")).resolve("deploy/keycloak/tom-realm.json").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
