package io.tomassure.e2e;

import static io.tomassure.stack.TomService.APPROVAL;
import static io.tomassure.stack.TomService.ASSESSMENT;
import static io.tomassure.stack.TomService.AUDIT;
import static io.tomassure.stack.TomService.NOTIFICATION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tomassure.stack.DemoUser;
import io.tomassure.stack.TomService;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may call what, as one declared table checked against the running services with real Keycloak tokens. Every
 * operation in each service's OpenAPI document is called as: no token; a valid token without a TOM role; and each of
 * the six roles, once from the organisation that owns the fixture's objects and once from a foreign one. Each outcome
 * is compared with the table: an operation missing from it (a new endpoint) fails the test, as does a row for an
 * operation that no longer exists. The body of every refused call must name no organisation but the caller's own.
 */
@ExtendWith(E2eStack.class)
class AuthorisationMatrixTest {

    /**
     * Per operation: the callers that get through ({@code pass}: any answer but 401, 403, 404 or a 5xx) and those to
     * whom the object does not exist ({@code hidden}: 404); every other caller with a TOM role gets 403, the caller
     * without one 403 and the caller without a token 401. {@code role'} is that role in a foreign organisation;
     * {@code central} is NHS Digital's four roles and {@code central'} the same in another organisation; {@code all}
     * is every caller with a TOM role; {@code role=status} declares an exact answer (no such object to act on).
     * The fixture: a product of YGM27 with its assessment (1A approved on condition of a DSA, 1B under review, an
     * escalation), deployed by RXX01; the foreign organisations are the supplier YGM28 and the EUO RXX02.
     */
    private static final String TABLE = """
            GET    /api/v1/me                                                           pass: all
            GET    /api/v1/ops/outbox                                                   pass: admin auditor admin' auditor'
            GET    /api/v1/ops/outbox/dead-letters                                      pass: admin auditor admin' auditor'
            POST   /api/v1/ops/outbox/dead-letters/{eventId}/redrive                    admin=404 admin'=404
            POST   /api/v1/ops/outbox/probe                                             pass: admin admin'

            GET    /api/v1/organisations                                                pass: all
            POST   /api/v1/organisations                                                pass: admin admin'
            GET    /api/v1/organisations/{odsCode}                                      pass: all
            PUT    /api/v1/organisations/{odsCode}/contacts                             pass: supplier admin admin'
            GET    /api/v1/programmes                                                   pass: all
            POST   /api/v1/programmes                                                   pass: admin admin'
            GET    /api/v1/programmes/{code}/evidence-policy                            pass: all
            PUT    /api/v1/programmes/{code}/evidence-policy                            pass: admin admin'
            POST   /api/v1/programmes/{code}/templates                                  pass: admin admin'
            POST   /api/v1/programmes/{code}/templates/import                           pass: admin admin'
            GET    /api/v1/templates/{id}                                               pass: all
            GET    /api/v1/templates/{id}/oscal                                         pass: all
            PUT    /api/v1/templates/{id}                                               pass: admin admin'
            POST   /api/v1/templates/{id}/publish                                       pass: admin admin'
            GET    /api/v1/products                                                     pass: all
            POST   /api/v1/products                                                     pass: supplier supplier'
            GET    /api/v1/products/{id}                                                pass: supplier euo central     hidden: supplier' euo'
            POST   /api/v1/products/{id}/versions                                       pass: supplier                 hidden: supplier'
            GET    /api/v1/assessments                                                  pass: all
            POST   /api/v1/assessments                                                  pass: supplier                 hidden: supplier'
            GET    /api/v1/assessments/{id}                                             pass: supplier euo central     hidden: supplier' euo'
            PUT    /api/v1/assessments/{id}/impact                                      pass: supplier                 hidden: supplier'
            PUT    /api/v1/assessments/{id}/scope                                       pass: supplier                 hidden: supplier'
            POST   /api/v1/assessments/{id}/uplift                                      pass: supplier                 hidden: supplier'
            GET    /api/v1/assessments/{id}/uplifts                                     pass: supplier euo central     hidden: supplier' euo'
            GET    /api/v1/assessments/{id}/responses                                   pass: supplier euo central     hidden: supplier' euo'
            PUT    /api/v1/assessments/{id}/responses/{requirementId}                   pass: supplier                 hidden: supplier'
            POST   /api/v1/assessments/{id}/responses/{requirementId}/evidence          pass: supplier                 hidden: supplier'
            PUT    /api/v1/assessments/{id}/responses/{requirementId}/score             pass: assurance assurance'
            GET    /api/v1/assessments/{id}/evidence/{evidenceId}                       pass: supplier euo central     hidden: supplier' euo'
            GET    /api/v1/assessments/{id}/non-conformances                            pass: supplier euo central     hidden: supplier' euo'
            GET    /api/v1/assessments/{id}/poam                                        pass: supplier euo central     hidden: supplier' euo'
            GET    /api/v1/assessments/{id}/missing                                     pass: supplier euo central     hidden: supplier' euo'
            GET    /api/v1/assessments/{id}/submissions                                 pass: supplier euo central     hidden: supplier' euo'
            POST   /api/v1/assessments/{id}/submissions                                 pass: supplier                 hidden: supplier'
            GET    /api/v1/assessments/{id}/workbook                                    pass: supplier euo central     hidden: supplier' euo'
            POST   /api/v1/assessments/{id}/workbook                                    pass: supplier assurance assurance'  hidden: supplier'
            GET    /api/v1/deployments                                                  pass: all
            POST   /api/v1/deployments                                                  pass: supplier                 hidden: supplier'
            GET    /api/v1/deployments/{id}                                             pass: supplier euo central     hidden: supplier' euo'
            PUT    /api/v1/deployments/{id}/context                                     pass: euo                      hidden: euo'
            GET    /api/v1/deployments/{id}/responses                                   pass: supplier euo central     hidden: supplier' euo'
            PUT    /api/v1/deployments/{id}/responses/{requirementId}                   pass: euo                      hidden: euo'
            POST   /api/v1/deployments/{id}/responses/{requirementId}/evidence          pass: euo                      hidden: euo'
            GET    /api/v1/deployments/{id}/missing                                     pass: supplier euo central     hidden: supplier' euo'
            GET    /api/v1/deployments/{id}/non-conformances                            pass: supplier euo central     hidden: supplier' euo'
            GET    /api/v1/deployments/{id}/submissions                                 pass: supplier euo central     hidden: supplier' euo'
            POST   /api/v1/deployments/{id}/submissions                                 pass: euo                      hidden: euo'
            GET    /api/v1/deployments/{id}/workbook                                    pass: supplier euo central     hidden: supplier' euo'
            POST   /api/v1/deployments/{id}/workbook                                    pass: euo                      hidden: euo'
            GET    /api/v1/submissions/{id}                                             pass: supplier euo central     hidden: supplier' euo'
            GET    /api/v1/submissions/{id}/canonical                                   pass: supplier euo central     hidden: supplier' euo'
            GET    /api/v1/submissions/{id}/changes                                     pass: supplier euo central     hidden: supplier' euo'
            GET    /api/v1/submissions/{id}/oscal                                       pass: supplier euo central     hidden: supplier' euo'
            GET    /api/v1/submissions/{id}/workbook                                    pass: supplier euo central     hidden: supplier' euo'

            GET    /api/v1/cases                                                        pass: all
            GET    /api/v1/cases/{id}                                                   pass: supplier euo central     hidden: supplier' euo'
            POST   /api/v1/cases/{id}/decision                                          pass: assurance assurance'     hidden: euo'
            POST   /api/v1/conditions/{id}/discharge                                    pass: assurance assurance'
            POST   /api/v1/assessments/{id}/non-conformances/{requirementId}/review     pass: assurance assurance'
            POST   /api/v1/products/{id}/agreements                                     pass: supplier                 hidden: supplier'
            GET    /api/v1/deployments/{id}/agreements                                  pass: supplier euo central     hidden: supplier' euo'
            POST   /api/v1/deployments/{id}/agreements                                  pass: euo                      hidden: euo'
            POST   /api/v1/deployments/{id}/non-conformances/{requirementId}/acceptance pass: euo                      hidden: euo'
            POST   /api/v1/deployments/{id}/sign-offs                                   pass: safety safety'           hidden: euo'
            GET    /api/v1/deployments/{id}/readiness                                   pass: supplier euo central     hidden: supplier' euo'
            POST   /api/v1/deployments/{id}/go-live                                     pass: euo                      hidden: euo'
            PUT    /api/v1/deployments/{id}/suspension                                  pass: assurance assurance'
            DELETE /api/v1/deployments/{id}/suspension                                  pass: assurance assurance'
            GET    /api/v1/escalations                                                  pass: safety assurance auditor admin safety' assurance' auditor' admin'
            POST   /api/v1/escalations/{id}/resolution                                  pass: safety safety'

            GET    /api/v1/audit/entries                                                pass: all
            GET    /api/v1/audit/entries/{seq}/proof                                    pass: supplier euo central     hidden: supplier' euo'
            GET    /api/v1/audit/assessments/{id}/history                               pass: all
            GET    /api/v1/audit/stream                                                 pass: all
            GET    /api/v1/audit/checkpoints/latest                                     pass: all
            GET    /api/v1/audit/checkpoints/consistency                                pass: all
            POST   /api/v1/audit/checkpoints                                            pass: admin auditor admin' auditor'
            GET    /api/v1/audit/public-key                                             pass: all
            GET    /api/v1/audit/verify                                                 pass: assurance auditor admin assurance' auditor' admin'
            GET    /api/v1/audit/export                                                 pass: all
            GET    /api/v1/audit/completeness                                           pass: all
            POST   /api/v1/audit/completeness/{submissionId}/audited                    pass: auditor assurance auditor' assurance'

            GET    /api/v1/inbox                                                        pass: all
            GET    /api/v1/inbox/unread-count                                           pass: all
            POST   /api/v1/inbox/{id}/read                                              pass: supplier                 hidden: all
            GET    /api/v1/webhooks                                                     pass: supplier euo supplier' euo'
            POST   /api/v1/webhooks                                                     pass: supplier euo supplier' euo'
            POST   /api/v1/webhooks/{id}/secret                                         pass: supplier                 hidden: euo supplier' euo'
            DELETE /api/v1/webhooks/{id}                                                pass: supplier                 hidden: euo supplier' euo'
            GET    /api/v1/preferences                                                  pass: supplier euo assurance safety supplier' euo' assurance' safety'
            PUT    /api/v1/preferences                                                  pass: supplier euo assurance safety supplier' euo' assurance' safety'
            GET    /api/v1/routing-rules                                                pass: all
            GET    /api/v1/deliveries                                                   pass: admin auditor admin' auditor'
            POST   /api/v1/deliveries/{id}/redrive                                      admin=404 admin'=404
            """;

    private static final List<String> ROLES = List.of("supplier", "euo", "assurance", "safety", "auditor", "admin");
    private static final Map<String, String> REALM_ROLES = Map.of("supplier", "supplier", "euo", "euo",
            "assurance", "nhsd-assurance", "safety", "nhsd-clinical-safety", "auditor", "auditor", "admin", "admin");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One way of calling: a name from the table, and the token (null: none) and organisation it calls with. */
    record Caller(String name, String token, String organisation) {
    }

    /** One call's outcome that the table did not expect, or that leaked. */
    record Finding(String operation, String caller, int status, String expected, String body) {
    }

    @Test
    void everyOperationAnswersEveryCallerAsDeclared() throws Exception {
        MatrixFixture fixture = MatrixFixture.create();
        List<Caller> callers = callers(fixture);
        Map<String, Expectation> table = parse(TABLE);

        Map<String, TomService> operations = new LinkedHashMap<>();
        List<String> undeclared = new ArrayList<>();
        for (TomService service : TomService.values()) {
            for (String operation : operations(service)) {
                if (!table.containsKey(operation)) {
                    undeclared.add(service.module() + " " + operation);
                }
                operations.putIfAbsent(operation + " @" + service.module(), service);
            }
        }
        assertThat(undeclared).as("operations in an OpenAPI document that the table does not declare").isEmpty();
        Set<String> served = operations.keySet().stream().map(k -> k.substring(0, k.indexOf(" @"))).collect(Collectors.toSet());
        assertThat(new TreeSet<>(table.keySet())).as("table rows for operations no service serves").isSubsetOf(served);

        List<Finding> findings = new ArrayList<>();
        int calls = 0;
        // Deletions last, so that what they remove is there for every other operation.
        List<Map.Entry<String, TomService>> ordered = new ArrayList<>(operations.entrySet());
        ordered.sort((a, b) -> Boolean.compare(a.getKey().startsWith("DELETE"), b.getKey().startsWith("DELETE")));
        for (Map.Entry<String, TomService> entry : ordered) {
            String operation = entry.getKey().substring(0, entry.getKey().indexOf(" @"));
            Expectation expectation = table.get(operation);
            for (Caller caller : callers) {
                String expected = expectation.outcomeFor(caller.name());
                Call call = fixture.call(entry.getValue(), operation);
                HttpResponse<InputStream> response = send(call, caller.token());
                int status = response.statusCode();
                String body = refused(status) || status >= 500 ? read(response) : drain(response);
                calls++;
                if (!matches(expected, status)) {
                    findings.add(new Finding(entry.getValue().module() + " " + operation, caller.name(), status, expected,
                            abbreviate(body)));
                } else if (refused(status)) {
                    leak(body, call, caller, fixture).ifPresent(leaked -> findings.add(new Finding(
                            entry.getValue().module() + " " + operation, caller.name(), status, "no " + leaked + " in the body",
                            abbreviate(body))));
                }
            }
        }
        System.out.printf("[authorisation matrix] %d operations x %d callers = %d calls, %d unexpected outcomes%n",
                operations.size(), callers.size(), calls, findings.size());
        findings.forEach(f -> System.out.printf("[authorisation matrix]   %s as %s: %d, expected %s; %s%n", f.operation(),
                f.caller(), f.status(), f.expected(), f.body()));
        assertThat(calls).isGreaterThan(1_000);
        assertThat(findings).isEmpty();
    }

    // --- the callers ---

    private static List<Caller> callers(MatrixFixture fixture) {
        List<Caller> callers = new ArrayList<>();
        callers.add(new Caller("none", null, null));
        callers.add(new Caller("norole", fixture.token("matrix.norole"), DemoUser.SUPPLIER.org()));
        Map<String, DemoUser> own = Map.of("supplier", DemoUser.SUPPLIER, "euo", DemoUser.EUO_NORTH, "assurance",
                DemoUser.ASSURANCE, "safety", DemoUser.CLINICAL_SAFETY, "auditor", DemoUser.AUDITOR, "admin", DemoUser.ADMIN);
        for (String role : ROLES) {
            callers.add(new Caller(role, fixture.token(own.get(role).username()), own.get(role).org()));
            String foreign = role.equals("euo") ? DemoUser.EUO_SOUTH.username() : "matrix." + role;
            callers.add(new Caller(role + "'", fixture.token(foreign), MatrixFixture.foreignOrganisation(role)));
        }
        return callers;
    }

    // --- the table ---

    /** What one operation answers: callers that pass, callers it is hidden from, exact answers. */
    record Expectation(Set<String> pass, Set<String> hidden, Map<String, String> exact) {

        String outcomeFor(String caller) {
            if (caller.equals("none")) {
                return "401";
            }
            if (exact.containsKey(caller)) {
                return exact.get(caller);
            }
            if (pass.contains(caller)) {
                return "pass";
            }
            return hidden.contains(caller) ? "404" : "403";
        }
    }

    static Map<String, Expectation> parse(String table) {
        Map<String, Expectation> rows = new LinkedHashMap<>();
        for (String line : table.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            String[] words = line.split("\\s+");
            Set<String> pass = new LinkedHashSet<>();
            Set<String> hidden = new LinkedHashSet<>();
            Map<String, String> exact = new LinkedHashMap<>();
            Set<String> into = null;
            for (int i = 2; i < words.length; i++) {
                switch (words[i]) {
                    case "pass:" -> into = pass;
                    case "hidden:" -> into = hidden;
                    default -> {
                        if (words[i].contains("=")) {
                            exact.put(words[i].split("=")[0], words[i].split("=")[1]);
                        } else {
                            into.addAll(expand(words[i]));
                        }
                    }
                }
            }
            hidden.removeAll(pass);
            String operation = words[0] + " " + words[1];
            if (rows.put(operation, new Expectation(pass, hidden, exact)) != null) {
                throw new IllegalStateException("declared twice: " + operation);
            }
        }
        return rows;
    }

    private static List<String> expand(String word) {
        return switch (word) {
            case "all" -> ROLES.stream().flatMap(r -> java.util.stream.Stream.of(r, r + "'")).toList();
            case "central" -> List.of("assurance", "safety", "auditor", "admin", "assurance'", "safety'", "auditor'", "admin'");
            default -> List.of(word);
        };
    }

    private static boolean matches(String expected, int status) {
        return expected.equals("pass") ? status < 500 && !refused(status) && status != 429 : expected.equals(Integer.toString(status));
    }

    private static boolean refused(int status) {
        return status == 401 || status == 403 || status == 404;
    }

    /**
     * The first organisation (code or name) other than the caller's own, or the first fixture object id the caller did
     * not send itself, that a refused body names.
     */
    private static java.util.Optional<String> leak(String body, Call call, Caller caller, MatrixFixture fixture)
            throws IOException {
        String sent = call.path() + (call.body() == null ? "" : new String(call.body(), java.nio.charset.StandardCharsets.UTF_8));
        String text = body;
        if (body.startsWith("{")) {
            ObjectNode problem = (ObjectNode) JSON.readTree(body);
            problem.remove("instance"); // the request's own path, as the caller sent it
            text = problem.toString();
        }
        for (Map.Entry<String, List<String>> organisation : fixture.organisations().entrySet()) {
            if (organisation.getKey().equals(caller.organisation())) {
                continue;
            }
            for (String word : organisation.getValue()) {
                if (text.contains(word)) {
                    return java.util.Optional.of(organisation.getKey() + " (" + word + ")");
                }
            }
        }
        for (String id : fixture.ids()) {
            if (text.contains(id) && !sent.contains(id)) {
                return java.util.Optional.of("the id " + id);
            }
        }
        return java.util.Optional.empty();
    }

    // --- the services ---

    /** "METHOD /path" of every operation in the service's OpenAPI document. */
    private static List<String> operations(TomService service) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(Api.config().serviceUrl(service)
                + "/q/openapi?format=json")).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        JsonNode paths = JSON.readTree(response.body()).path("paths");
        List<String> operations = new ArrayList<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                operations.add(method.toUpperCase() + " " + path.getKey());
            }
        }));
        return operations;
    }

    /** A request of the matrix: the path with the fixture's ids, and a body that passes validation where one is taken. */
    record Call(TomService service, String method, String path, String contentType, byte[] body) {
    }

    private static HttpResponse<InputStream> send(Call call, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Api.config().serviceUrl(call.service()) + call.path()))
                .timeout(Duration.ofSeconds(30))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException closedMeanwhile) { // a kept-alive connection the service had closed: once more, afresh
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        }
    }

    private static String read(HttpResponse<InputStream> response) throws IOException {
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Closes a passing response unread: a live stream would never end. */
    private static String drain(HttpResponse<InputStream> response) throws IOException {
        response.body().close();
        return "";
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    /** Fills a path template's parameters with {@code values(parameter, template)}. */
    static String fill(String template, java.util.function.BiFunction<String, String, String> values) {
        Matcher matcher = PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(path, Matcher.quoteReplacement(values.apply(matcher.group(1), template)));
        }
        matcher.appendTail(path);
        return path.toString();
    }
}
