package io.tomassure.assessment.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tomassure.testing.TestDatabase;
import io.tomassure.testing.TomTestEnvironment;

/** A revision's hash can be recomputed by anyone: the bytes it covers are served, in RFC 8785's canonical form. */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class RevisionHashTest {

    /** Text that Jackson and RFC 8785 write differently (a control character) and text neither escapes. */
    private static final String AWKWARD = "tab\there, unit separator \u001f, é € 😀, quote \" and backslash \\";

    @Test
    void aRevisionIsHashedInItsJcsFormWhichIsServedByteForByte() throws Exception {
        Tom tom = new Tom().setUp();
        String id = submitted(tom);

        String hash = tom.supplierUser().get("/api/v1/submissions/" + id).then().statusCode(200)
                .body("submission.hashAlgorithm", equalTo("sha-256/jcs")).extract().path("submission.contentHash");
        ExtractableResponse<Response> canonical = tom.supplierUser().get("/api/v1/submissions/" + id + "/canonical").then()
                .statusCode(200).contentType("application/json").extract();
        byte[] bytes = canonical.asByteArray();

        assertThat(sha256(bytes)).as("the served bytes are what the hash covers").isEqualTo(hash);
        assertThat(new JsonCanonicalizer(bytes).getEncodedUTF8()).as("the bytes are already in RFC 8785's form")
                .isEqualTo(bytes);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\\u001f").contains("é € 😀");
        assertThat(canonical.header("Repr-Digest"))
                .isEqualTo("sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hash)) + ":");
        Tom.as("mallory", Tom.code("M"), "supplier").get("/api/v1/submissions/" + id + "/canonical").then().statusCode(404);
    }

    /** A revision hashed before JCS keeps its bytes, its hash and the name of its form. */
    @Test
    void aRevisionHashedBeforeJcsKeepsItsBytesAndSaysHowTheyWereWritten() throws Exception {
        Tom tom = new Tom().setUp();
        String id = submitted(tom);
        // As the service wrote it before JCS: Jackson's escape for a control character is upper case.
        String jcs = new String(tom.supplierUser().get("/api/v1/submissions/" + id + "/canonical").asByteArray(),
                StandardCharsets.UTF_8);
        String legacy = jcs.replace("\\u001f", "\\u001F");
        assertThat(legacy).isNotEqualTo(jcs);
        try (Connection db = TestDatabase.connect(); PreparedStatement update = db.prepareStatement(
                "update submission set content = ?, content_hash = ?, hash_algorithm = 'sha-256/sorted-json' where id = ?")) {
            update.setString(1, legacy);
            update.setString(2, sha256(legacy.getBytes(StandardCharsets.UTF_8)));
            update.setObject(3, UUID.fromString(id));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        String hash = tom.supplierUser().get("/api/v1/submissions/" + id).then().statusCode(200)
                .body("submission.hashAlgorithm", equalTo("sha-256/sorted-json")).extract().path("submission.contentHash");
        byte[] served = tom.supplierUser().get("/api/v1/submissions/" + id + "/canonical").then().statusCode(200).extract()
                .asByteArray();
        assertThat(sha256(served)).isEqualTo(hash);
        assertThat(new String(served, StandardCharsets.UTF_8)).isEqualTo(legacy);
    }

    /** Phase 1A submitted with an awkward answer: the revision's id. */
    private static String submitted(Tom tom) {
        String assessment = "/api/v1/assessments/" + tom.assessmentId;
        tom.answer(tom::supplierUser, "SI-01", Map.of("answer", "Compliant", "notes", AWKWARD)).statusCode(200);
        return tom.supplierUser().body(Map.of("phase", "1A")).post(assessment + "/submissions").then().statusCode(201)
                .body("hashAlgorithm", equalTo("sha-256/jcs")).extract().path("id");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
