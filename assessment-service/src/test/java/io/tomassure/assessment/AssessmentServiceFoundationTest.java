package io.tomassure.assessment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tomassure.events.Topics;
import io.tomassure.testing.ServiceFoundationContract;
import io.tomassure.testing.TomTestEnvironment;

@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class AssessmentServiceFoundationTest extends ServiceFoundationContract {

    @Override
    protected String topic() {
        return Topics.ASSESSMENT;
    }

    /** An operation declared once for both scopes (TomEndpoints) is documented with each scope's own roles. */
    @Test
    void aSharedTomOperationNamesEachScopesRoles() {
        given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/assessments/{id}/responses/{requirementId}'.put.security[0].SecurityScheme",
                        contains("supplier", "nhsd-assurance"))
                .body("paths.'/api/v1/deployments/{id}/responses/{requirementId}'.put.security[0].SecurityScheme",
                        contains("euo"))
                .body("paths.'/api/v1/deployments/{id}/workbook'.post.tags", contains("Deployments"));
    }
}
