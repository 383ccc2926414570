package io.tomassure.assessment.rest;

import static io.tomassure.assessment.rest.Tom.as;
import static io.tomassure.assessment.rest.Tom.compliant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tomassure.testing.TomTestEnvironment;

/**
 * Who sees and does what: role × organisation × endpoint. Another organisation's ids answer 404, never 403,
 * so that they do not leak.
 */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopingTest {

    private Tom tom;
    private String assessment;
    private String deployment;
    private String submission;
    private String evidence;

    @BeforeEach
    void setUpOnce() {
        if (tom != null) {
            return;
        }
        tom = new Tom().setUp();
        assessment = "/api/v1/assessments/" + tom.assessmentId;
        tom.answer(tom::supplierUser, "SI-01", compliant()).statusCode(200);
        evidence = tom.supplierUser().contentType("text/plain").body("proof").post(assessment + "/responses/SI-01/evidence?name=p.txt")
                .then().statusCode(201).extract().path("id");
        submission = tom.supplierUser().body(Map.of("phase", "1A")).post(assessment + "/submissions").then().statusCode(201)
                .extract().path("id");
        deployment = "/api/v1/deployments/" + tom.supplierUser().body(Map.of("assessmentId", tom.assessmentId, "euoOdsCode", tom.euo))
                .post("/api/v1/deployments").then().statusCode(201).extract().path("id");
    }

    private RequestSpecification otherSupplier() {
        return as("oli", tom.otherSupplier, "supplier");
    }

    private RequestSpecification euoWithoutDeployment() {
        return tom.secondEuoUser();
    }

    @Test
    void anotherSuppliersObjectsAreNotFound() {
        for (String path : List.of(assessment, assessment + "/responses", assessment + "/non-conformances",
                assessment + "/submissions", assessment + "/evidence/" + evidence, deployment, deployment + "/responses",
                "/api/v1/submissions/" + submission, "/api/v1/products/" + tom.productId)) {
            otherSupplier().get(path).then().statusCode(404).contentType("application/problem+json");
        }
        otherSupplier().body(compliant()).put(assessment + "/responses/SI-01").then().statusCode(404);
        otherSupplier().body(Map.of("phase", "1B")).post(assessment + "/submissions").then().statusCode(404);
        otherSupplier().body(Map.of("version", "9")).post("/api/v1/products/" + tom.productId + "/versions").then().statusCode(404);
        otherSupplier().body(Map.of("assessmentId", tom.assessmentId, "euoOdsCode", tom.secondEuo))
                .post("/api/v1/deployments").then().statusCode(404);
        otherSupplier().get("/api/v1/assessments").then().statusCode(200).body("items.id", not(hasItem(tom.assessmentId)));
        otherSupplier().get("/api/v1/products").then().statusCode(200).body("items.id", not(hasItem(tom.productId)));
    }

    @Test
    void anEuoSeesOnlyWhatItDeploys() {
        euoWithoutDeployment().get(assessment).then().statusCode(404);
        euoWithoutDeployment().get(deployment).then().statusCode(404);
        euoWithoutDeployment().get("/api/v1/assessments").then().body("items.id", not(hasItem(tom.assessmentId)));

        tom.euoUser().get(assessment).then().statusCode(200);
        tom.euoUser().get(assessment + "/responses").then().statusCode(200).body("requirementId", hasItem("SI-01"));
        tom.euoUser().get(deployment).then().statusCode(200);
        tom.euoUser().get("/api/v1/assessments").then().body("items.id", hasItem(tom.assessmentId));
        tom.euoUser().get("/api/v1/deployments").then().body("items.euoOds", everyItem(equalTo(tom.euo)));
        // Supplier rows are read-only for the EUO, on the product and in its deployment.
        tom.euoUser().body(compliant()).put(assessment + "/responses/AR-01").then().statusCode(403);
        Tom.answerAt(tom::euoUser, deployment, "AR-01", compliant()).statusCode(403)
                .body("type", equalTo("urn:tomassure:problem:wrong-party"));
        // Another EUO cannot act on this deployment.
        euoWithoutDeployment().body(compliant()).put(deployment + "/responses/US-01").then().statusCode(404);
        euoWithoutDeployment().post(deployment + "/submissions").then().statusCode(404);
    }

    @Test
    void aDeploymentsOwnEvidenceIsNotAnotherEuosToRead() {
        String third = Tom.code("T");
        Tom.register(third, "EUO");
        String other = "/api/v1/deployments/" + tom.supplierUser().body(Map.of("assessmentId", tom.assessmentId,
                "euoOdsCode", third)).post("/api/v1/deployments").then().statusCode(201).extract().path("id");
        Tom.answerAt(tom::euoUser, deployment, "IG-01", Map.of("answer", "Yes")).statusCode(200);
        String evidence = tom.euoUser().contentType("text/plain").body("our DSPT").post(deployment
                + "/responses/IG-01/evidence?name=dspt.txt&expiresOn=2027-06-30").then().statusCode(201)
                .body("expiresOn", equalTo("2027-06-30")).extract().path("id");
        tom.euoUser().get(assessment + "/evidence/" + evidence).then().statusCode(200);
        as("tia", third, "euo").get(other).then().statusCode(200);
        as("tia", third, "euo").get(assessment).then().statusCode(200);
        as("tia", third, "euo").get(assessment + "/evidence/" + evidence).then().statusCode(404);
        tom.euoUser().contentType("text/plain").body("x").post(deployment + "/responses/IG-01/evidence?name=x&expiresOn=soon")
                .then().statusCode(400);
    }

    @Test
    void theSupplierCannotActForTheEuo() {
        Tom.answerAt(tom::supplierUser, deployment, "US-01", compliant()).statusCode(403);
        tom.supplierUser().post(deployment + "/submissions").then().statusCode(403);
        tom.supplierUser().get(deployment).then().statusCode(200);
    }

    @Test
    void nhsDigitalReadsEverythingAndScoresRows() {
        for (String path : List.of(assessment, deployment, "/api/v1/submissions/" + submission, "/api/v1/products/" + tom.productId)) {
            Tom.reviewer().get(path).then().statusCode(200);
            as("aud", null, "auditor").get(path).then().statusCode(200);
        }
        String etag = Tom.reviewer().get(assessment + "/responses").then().extract().jsonPath()
                .getString("find { it.requirementId == 'SI-01' }.etag");
        Tom.reviewer().header("If-Match", etag).body(Map.of("score", "QUERIES", "comment", "Which spec version?"))
                .put(assessment + "/responses/SI-01/score").then().statusCode(200).body("score", equalTo("QUERIES"));
        tom.supplierUser().body(Map.of("score", "OK")).put(assessment + "/responses/SI-01/score").then().statusCode(403);
        as("aud", null, "auditor").body(compliant()).put(assessment + "/responses/SI-01").then().statusCode(403);
    }

    @Test
    void onlyAdminsManageTheCatalogueAndAPublishedTemplateIsImmutable() {
        tom.supplierUser().body(Map.of("code", "sneaky", "name", "x")).post("/api/v1/programmes").then().statusCode(403);
        tom.supplierUser().body(Tom.sampleTemplate("9.9")).post("/api/v1/programmes/" + tom.programme + "/templates").then().statusCode(403);
        Tom.admin().body(Tom.sampleTemplate("1.0-changed")).put("/api/v1/templates/" + tom.templateId).then().statusCode(409)
                .body("type", equalTo("urn:tomassure:problem:template-published"));
        Tom.admin().post("/api/v1/templates/" + tom.templateId + "/publish").then().statusCode(409);
        Tom.admin().body(Tom.sampleTemplate("1.0")).post("/api/v1/programmes/" + tom.programme + "/templates").then().statusCode(409);
        tom.supplierUser().get("/api/v1/templates/" + tom.templateId).then().statusCode(200)
                .body("sections.code", equalTo(List.of("2", "3", "4", "5", "6", "7", "9", "ND")))
                .body("sections.find { it.code == '9' }.requirements.id", equalTo(List.of("API-01", "API-02", "API-03")));
    }

    @Test
    void aDraftTemplateIsNotAssessableAndAnInvalidOneIsRefusedWholesale() {
        String draft = Tom.admin().body(Tom.sampleTemplate("2.0-draft")).post("/api/v1/programmes/" + tom.programme + "/templates")
                .then().statusCode(201).body("status", equalTo("DRAFT")).extract().path("id");
        tom.supplierUser().body(Map.of("productVersionId", tom.productVersionId, "templateId", draft)).post("/api/v1/assessments")
                .then().statusCode(409).body("type", equalTo("urn:tomassure:problem:template-draft"));
        Map<String, Object> broken = Map.of("version", "3.0", "sections", List.of(
                Tom.section("A", "A", "OTHER", Tom.with(Tom.row("X-1", "MUST", "REQ", "SUPPLIER", List.of("4"), List.of()),
                        "answerKind", "COMPLIANCE"),
                        Tom.row("X-1", "MUST", "REQ", "SUPPLIER", List.of("1A"), List.of("Yes")))));
        Tom.admin().body(broken).post("/api/v1/programmes/" + tom.programme + "/templates").then().statusCode(400)
                .body("errors.field", hasItem("sections[0].requirements[1].id"))
                .body("errors.field", hasItem("sections[0].requirements[0].phases"))
                .body("errors.field", hasItem("sections[0].requirements[0].allowedAnswers"));
    }

    @Test
    void contactsAreVisibleToTheOrganisationAndNhsDigitalOnly() {
        String org = "/api/v1/organisations/" + tom.supplier;
        String etag = tom.supplierUser().get(org).then().statusCode(200).extract().header("ETag");
        tom.supplierUser().header("If-Match", etag).body(List.of(
                Map.of("role", "CONNECTION_AGREEMENT_SIGNATORY", "name", "Pat Signer", "email", "pat@supplier.example"),
                Map.of("role", "CLINICAL_SAFETY_OFFICER", "name", "Cas Safe")))
                .put(org + "/contacts").then().statusCode(200).body("contacts.name", hasItem("Pat Signer"))
                .header("ETag", not(equalTo(etag)));
        tom.supplierUser().header("If-Match", etag).body(List.of()).put(org + "/contacts").then().statusCode(412);
        Tom.reviewer().get(org).then().body("contacts", notNullValue());
        otherSupplier().get(org).then().statusCode(200).body("contacts", nullValue());
        otherSupplier().header("If-Match", "*").body(List.of()).put(org + "/contacts").then().statusCode(403);
        tom.supplierUser().header("If-Match", "*").body(List.of(Map.of("role", "NOT_A_ROLE", "name", "x")))
                .put(org + "/contacts").then().statusCode(400);
    }
}
