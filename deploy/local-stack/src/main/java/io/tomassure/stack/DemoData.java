package io.tomassure.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Loads the demo data through the public API, as the demo users: the organisations of {@link DemoUser}, one
 * programme with a published template (the real e-RS TOM workbook when ../shared/tom-workbooks has it, otherwise the
 * project's own sample, deploy/demo/sample-template.json) and one product with a version. Loading twice changes
 * nothing.
 */
public final class DemoData {
    public static final String PRODUCT = "Meadow Referral Connect";
    public static final String SAMPLE_PROGRAMME = "demo-api";
    static final String ERS_WORKBOOK = "eRS_TOM_v1.4.xlsx";


    private final StackConfig config;
    private final Consumer<String> progress;
    private final Tokens tokens;
    private boolean sampleTemplateOnly;
    private boolean casesToReview;

    public DemoData(StackConfig config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
        this.tokens = new Tokens(config.issuer());
    }

    /** Uses the project's small sample template even when the real workbooks are at hand (a journey to walk through). */
    public DemoData sampleTemplateOnly() {
        this.sampleTemplateOnly = true;
        return this;
    }

    /**
     * Also assesses the product against the sample template and submits Phases 1A and 1B (once), so that NHS Digital
     * has cases waiting in the console: what {@code ./tom-assure --demo} shows.
     */
    public DemoData withCasesToReview() {
        this.casesToReview = true;
        return this;
    }

    public void load() {
        String admin = tokens.user(DemoUser.ADMIN.username());
        registerOrganisation(admin, DemoUser.SUPPLIER, "SUPPLIER");
        registerOrganisation(admin, DemoUser.EUO_NORTH, "EUO");
        registerOrganisation(admin, DemoUser.EUO_SOUTH, "EUO");
        registerOrganisation(admin, DemoUser.ASSURANCE, "NHS_DIGITAL");
        setContacts(admin, DemoUser.SUPPLIER, Map.of("PROJECT_MANAGER", DemoUser.SUPPLIER, "CONNECTION_AGREEMENT_SIGNATORY", DemoUser.SUPPLIER));
        setContacts(admin, DemoUser.EUO_NORTH, Map.of("OWNER", DemoUser.EUO_NORTH, "END_USER_POLICY_SIGNATORY", DemoUser.EUO_NORTH));
        setContacts(admin, DemoUser.EUO_SOUTH, Map.of("OWNER", DemoUser.EUO_SOUTH, "END_USER_POLICY_SIGNATORY", DemoUser.EUO_SOUTH));
        setContacts(admin, DemoUser.ASSURANCE, Map.of("SOLUTION_ASSURANCE", DemoUser.ASSURANCE, "CLINICAL_SAFETY_GROUP", DemoUser.CLINICAL_SAFETY));
        Optional<Path> workbook = workbooks().filter(dir -> !sampleTemplateOnly).map(dir -> dir.resolve(ERS_WORKBOOK)).filter(Files::isRegularFile);
        if (workbook.isPresent()) {
            publishTemplate(admin, "e-rs", "e-Referral Service", "1.4", workbook.get());
        } else {
            publishSampleTemplate();
        }
        String versionId = createProduct(tokens.user(DemoUser.SUPPLIER.username()));
        if (casesToReview) {
            if (workbook.isPresent()) {
                publishSampleTemplate();
            }
            submitSampleAssessment(tokens.user(DemoUser.SUPPLIER.username()), admin, versionId);
        }
    }

    /** The product assessed against the sample template, answered as a supplier would, and 1A and 1B submitted. */
    private void submitSampleAssessment(String supplier, String admin, String versionId) {
        String templateId = null;
        for (JsonNode programme : expect(200, call("GET", "/api/v1/programmes", admin, null)).json()) {
            if (programme.path("code").asText().equals(SAMPLE_PROGRAMME)) {
                templateId = programme.path("templates").get(0).path("id").asText();
            }
        }
        Http.Response created = call("POST", "/api/v1/assessments", supplier,
                Map.of("productVersionId", versionId, "templateId", templateId));
        if (created.status() == 409 && created.json().path("type").asText().equals("urn:tomassure:problem:duplicate")) {
            return; // assessed on an earlier start: one assessment per product version and template
        }
        String assessment = "/api/v1/assessments/" + expect(201, created).json().path("id").asText();
        expect(200, call("PUT", assessment + "/responses/SI-01", supplier, Map.of("answer", PRODUCT + " 2.1")));
        for (String row : List.of("SI-02", "AR-01", "CS-01", "API-01", "API-02")) {
            expect(200, call("PUT", assessment + "/responses/" + row, supplier, Map.of("answer", "Compliant",
                    "implementationRef", "docs/design.md#" + row.toLowerCase(java.util.Locale.ROOT), "testRef", "TC-" + row)));
        }
        expect(200, call("PUT", assessment + "/responses/API-03", supplier, Map.of("answer", "Non-compliant",
                "notes", "Timeouts are not yet shown in plain words", "nonConformance", Map.of("detail",
                        "Errors from the national service appear as codes", "mitigation", "Help desk script until 2.2",
                        "risk", "AMBER"))));
        for (String phase : List.of("1A", "1B")) {
            expect(201, call("POST", assessment + "/submissions", supplier, Map.of("phase", phase)));
        }
        progress.accept("  " + PRODUCT + " 2.1 assessed against the sample template; Phases 1A and 1B wait for review");
    }

    /** Publishes the project's small sample template (once), beside the real one if that is loaded too. */
    public void publishSampleTemplate() {
        publishTemplate(tokens.user(DemoUser.ADMIN.username()), SAMPLE_PROGRAMME, "Demo national API", "1.0",
                config.repo().resolve("deploy/demo/sample-template.json"));
    }

    /** TOM_WORKBOOKS, else shared/tom-workbooks beside the repository: public NHS documents never copied into it. */
    static Optional<Path> workbooks() {
        String override = System.getenv("TOM_WORKBOOKS");
        Path dir = override != null && !override.isBlank() ? Path.of(override) : Path.of("..", "shared", "tom-workbooks");
        return Optional.of(dir).filter(Files::isDirectory);
    }

    private void registerOrganisation(String admin, DemoUser user, String kind) {
        String path = "/api/v1/organisations";
        if (call("GET", path + "/" + user.org(), admin, null).status() == 200) {
            return;
        }
        expect(201, call("POST", path, admin, Map.of("odsCode", user.org(), "name",
                user.organisation().replaceAll(" \\(.*\\)$", ""), "kinds", List.of(kind))));
        progress.accept("  organisation " + user.org() + " " + user.organisation());
    }

    /** The contacts notification-service emails, by TOM role: the demo users' own addresses, as in the realm. */
    private void setContacts(String admin, DemoUser organisation, Map<String, DemoUser> contacts) {
        String path = "/api/v1/organisations/" + organisation.org();
        Http.Response current = expect(200, call("GET", path, admin, null));
        if (current.json().path("contacts").size() > 0) {
            return;
        }
        List<Map<String, String>> body = contacts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(c -> Map.of("role", c.getKey(), "name", c.getValue().username(), "email", c.getValue().email())).toList();
        expect(200, send(path + "/contacts", "PUT", admin, body, current.json().path("etag").asText()));
    }

    /** Creates the programme, then a template, then publishes it: each step only if it is not done yet. */
    private void publishTemplate(String admin, String programme, String name, String version, Path file) {
        JsonNode existing = null;
        for (JsonNode candidate : expect(200, call("GET", "/api/v1/programmes", admin, null)).json()) {
            if (candidate.path("code").asText().equals(programme)) {
                existing = candidate;
            }
        }
        if (existing == null) {
            expect(201, call("POST", "/api/v1/programmes", admin, Map.of("code", programme, "name", name)));
        }
        JsonNode template = existing == null || existing.path("templates").isEmpty() ? null : existing.path("templates").get(0);
        if (template == null) {
            JsonNode created = (file.toString().endsWith(".json")
                    ? expect(201, call("POST", "/api/v1/programmes/" + programme + "/templates", admin, read(file)))
                    : expect(201, upload("/api/v1/programmes/" + programme + "/templates/import?version=" + version, admin, file))).json();
            template = created.has("template") ? created.path("template") : created;
        }
        if (!"PUBLISHED".equals(template.path("status").asText())) {
            expect(200, call("POST", "/api/v1/templates/" + template.path("id").asText() + "/publish", admin, null));
            progress.accept("  programme " + programme + ", template " + version + " published (from " + file.getFileName() + ")");
        }
    }

    /** The supplier's product with its version 2.1 (once); the version's id. */
    private String createProduct(String supplier) {
        JsonNode product = null;
        for (JsonNode candidate : expect(200, call("GET", "/api/v1/products", supplier, null)).json().path("items")) {
            if (candidate.path("name").asText().equals(PRODUCT)) {
                product = candidate;
            }
        }
        if (product == null) {
            product = expect(201, call("POST", "/api/v1/products", supplier, Map.of("name", PRODUCT))).json();
        }
        if (product.path("versions").isEmpty()) {
            JsonNode version = expect(201, call("POST", "/api/v1/products/" + product.path("id").asText() + "/versions",
                    supplier, Map.of("version", "2.1"))).json();
            progress.accept("  product " + PRODUCT + " 2.1 of " + DemoUser.SUPPLIER.org());
            return version.path("id").asText();
        }
        return product.path("versions").get(0).path("id").asText();
    }

    private static Http.Response expect(int status, Http.Response response) {
        if (response.status() != status) {
            throw new IllegalStateException("demo data: expected HTTP " + status + ", got " + response.status() + " " + response.json());
        }
        return response;
    }

    private Http.Response call(String method, String path, String token, Object body) {
        return send(path, method, token, body, null);
    }

    private Http.Response send(String path, String method, String token, Object body, String ifMatch) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Http.JSON.writeValueAsString(body));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.serviceUrl(TomService.ASSESSMENT) + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method(method, publisher);
            if (ifMatch != null) {
                request.header("If-Match", ifMatch);
            }
            return Http.exchange(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Http.Response upload(String path, String token, Path file) {
        try {
            return Http.exchange(HttpRequest.newBuilder(URI.create(config.serviceUrl(TomService.ASSESSMENT) + path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
