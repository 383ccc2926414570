package io.tomassure.assessment.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tomassure.testing.TomTestEnvironment;

/** Lists page by keyset: every item once, in order, with a cursor only while there is more. */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class PagingTest {

    @Test
    void productsAndOrganisationsPageByKeyset() {
        Tom tom = new Tom().setUp();
        List<String> created = new ArrayList<>(List.of(tom.productId));
        for (int i = 0; i < 4; i++) {
            created.add(tom.supplierUser().body(Map.of("name", "Product " + i)).post("/api/v1/products").then().statusCode(201)
                    .extract().path("id"));
        }

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String after = null;
        do {
            var request = tom.supplierUser().queryParam("limit", 2);
            if (after != null) {
                request = request.queryParam("after", after);
            }
            JsonPath page = request.get("/api/v1/products").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            sizes.add(page.getList("items").size());
            after = page.getString("next");
        } while (after != null);

        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(sizes).containsExactly(2, 2, 1);

        tom.supplierUser().queryParam("limit", 0).get("/api/v1/products").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        tom.supplierUser().queryParam("limit", 201).get("/api/v1/organisations").then().statusCode(400);
        JsonPath organisations = tom.supplierUser().queryParam("limit", 1).queryParam("after", tom.euo)
                .get("/api/v1/organisations").then().statusCode(200).extract().jsonPath();
        assertThat(organisations.getString("items[0].odsCode")).isGreaterThan(tom.euo);
        assertThat(organisations.getString("next")).isEqualTo(organisations.getString("items[0].odsCode"));
    }
}
