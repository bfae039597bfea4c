package io.tierline.ticket;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.tierline.contracts.Plan;
import io.tierline.testsupport.TierlineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ticket's text-search columns, kept by a trigger that computes the subject's words once, hold what their old
 * generated expressions computed, however the ticket changed: opened, commented publicly and internally, edited.
 */
@QuarkusTest
@TestSecurity(user = "dana", roles = {"agent", "admin"})
@WithTestResource(TierlineInfrastructure.class)
class TicketWordsTest {

    /** The columns' definitions before the trigger replaced them (V20261129_1500__ticket_search.sql). */
    private static final String AS_GENERATED = """
            select count(*) from ticket t
            where t.customer_id = ?
              and t.subject_words = setweight(to_tsvector('english', t.title), 'A')
                  || setweight(to_tsvector('english', coalesce(t.description, '')), 'B')
              and t.search = setweight(to_tsvector('english', t.title), 'A')
                  || setweight(to_tsvector('english', coalesce(t.description, '')), 'B') || t.comment_words
              and t.public_search = setweight(to_tsvector('english', t.title), 'A')
                  || setweight(to_tsvector('english', coalesce(t.description, '')), 'B') || t.public_comment_words""";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldKeepTheSearchColumnsAsTheirGeneratedExpressionsWould() throws Exception {
        String customer = TicketApiTest.createCustomer(Plan.BUSINESS);
        String withDescription = open(customer, "{\"title\":\"Checkout fails\",\"description\":\"Gateway times out\"");
        String without = open(customer, "{\"title\":\"Exports are slow\"");
        comment(withDescription, "Restarted the gateway pods", "PUBLIC");
        comment(withDescription, "Suspect the DNS resolver", "INTERNAL");
        patch(withDescription, "{\"title\":\"Checkout fails for EU cards\",\"assignee\":\"alice\"}");
        patch(without, "{\"description\":\"Only CSV exports\"}");
        patch(without, "{\"tags\":[\"exports\"]}");

        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(AS_GENERATED)) {
            statement.setObject(1, UUID.fromString(customer));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
        }
        // and search finds them by their new words, staff by the internal note too
        assertThat(given().queryParam("customerId", customer).queryParam("q", "EU cards").get("/api/v1/tickets")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class))
                .containsExactly(withDescription);
        assertThat(given().queryParam("customerId", customer).queryParam("q", "resolver").get("/api/v1/tickets")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class))
                .containsExactly(withDescription);
        assertThat(given().queryParam("customerId", customer).queryParam("q", "CSV").get("/api/v1/tickets")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class))
                .containsExactly(without);
    }

    private static String open(String customer, String fields) {
        return given().contentType(ContentType.JSON)
                .body(fields + ",\"customerId\":\"" + customer + "\",\"severity\":\"SEV2\"}")
                .post("/api/v1/tickets").then().statusCode(201).extract().path("id");
    }

    private static void comment(String ticket, String body, String visibility) {
        given().contentType(ContentType.JSON)
                .body("{\"body\":\"" + body + "\",\"visibility\":\"" + visibility
                        + "\",\"authorType\":\"AGENT\",\"author\":\"dana\"}")
                .post("/api/v1/tickets/" + ticket + "/comments").then().statusCode(201);
    }

    private static void patch(String ticket, String body) {
        String etag = given().get("/api/v1/tickets/" + ticket).then().extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag).body(body)
                .patch("/api/v1/tickets/" + ticket).then().statusCode(200);
    }
}
