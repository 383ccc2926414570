package io.tomassure.assessment.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tomassure.events.EventJson;
import io.tomassure.events.Topics;
import io.tomassure.testing.TestDatabase;
import io.tomassure.testing.TomTestEnvironment;
import io.tomassure.testing.TopicReader;

/**
 * No request can make an event that blocks the outbox. The case found in use: a supplier's 6,000 contacts (1.5 MB)
 * became an event over the producer's limit, which the relay retried forever while nothing behind it went out.
 */
@QuarkusTest
@WithTestResource(TomTestEnvironment.class)
class EventLimitsTest {

    @Test
    void sixThousandContactsAreRefusedAtTheDoorAndTheOrganisationsEventsKeepFlowing() throws Exception {
        String supplier = Tom.code("S");
        Tom.register(supplier, "SUPPLIER");
        String contacts = "/api/v1/organisations/" + supplier + "/contacts";
        String etag = supplierOf(supplier).get("/api/v1/organisations/" + supplier).then().extract().header("ETag");
        List<Map<String, String>> sixThousand = contacts(6_000, "Contact", "person@example.org");
        long before = events(supplier);

        supplierOf(supplier).header("If-Match", etag).body(sixThousand).put(contacts).then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:tomassure:problem:validation"))
                .body("errors.field", hasItem("contacts"));
        // Within the count and every field's size, but its event would pass the byte limit (64 KB in this test
        // profile; '€' is three bytes of UTF-8): 413, and nothing kept.
        List<Map<String, String>> long100 = contacts(100, "€".repeat(300), "person@example.org");
        supplierOf(supplier).header("If-Match", etag).body(long100).put(contacts).then().statusCode(413)
                .contentType("application/problem+json").body("type", equalTo("urn:tomassure:problem:change-too-large"))
                .body("maxEventBytes", equalTo(65_536));
        assertThat(events(supplier)).isEqualTo(before);
        supplierOf(supplier).get("/api/v1/organisations/" + supplier).then().header("ETag", etag)
                .body("contacts", equalTo(List.of()));

        try (TopicReader topic = new TopicReader(Topics.ASSESSMENT)) {
            String next = supplierOf(supplier).header("If-Match", etag).body(contacts(3, "Pat Owner", "pat@example.org"))
                    .put(contacts).then().statusCode(200).extract().header("ETag");
            assertThat(next).isNotEqualTo(etag);
            topic.readUntil(seen -> seen.stream().anyMatch(r -> supplier.equals(r.key())
                    && EventJson.read(r.value()).type().equals("tom.assessment.contacts-changed")), Duration.ofSeconds(30));
        }
    }

    private static io.restassured.specification.RequestSpecification supplierOf(String ods) {
        return Tom.as("sam", ods, "supplier");
    }

    private static List<Map<String, String>> contacts(int count, String name, String email) {
        List<Map<String, String>> contacts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            contacts.add(Map.of("role", "TECHNICAL_CONTACT", "name", name, "email", email, "phone", "0".repeat(50)));
        }
        return contacts;
    }

    private static long events(String key) throws Exception {
        try (Connection c = TestDatabase.connect();
                PreparedStatement select = c.prepareStatement("select count(*) from outbox_event where message_key = ?")) {
            select.setString(1, key);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
