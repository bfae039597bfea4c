package io.tierline.ticket;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.testsupport.TierlineInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.tierline.ticket.TicketApiTest.createCustomer;
import static io.tierline.ticket.TicketApiTest.createTicket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@TestSecurity(user = "admin", roles = {"admin", "agent"})
@WithTestResource(TierlineInfrastructure.class)
class CustomerApiTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    @Test
    void shouldListEveryCustomerOnceAcrossPagesWhileNewOnesArrive() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(createCustomer(Plan.STANDARD));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/customers").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
            if (pages++ == 0) {
                mine.add(createCustomer(Plan.BUSINESS)); // arrives while the list is being read
            }
        } while (cursor != null);

        assertThat(seen).doesNotHaveDuplicates().containsSubsequence(mine);
        given().queryParam("cursor", "not-a-cursor").get("/api/v1/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void shouldEditPlanTimeZoneAndContactsWithIfMatch() {
        String id = given().contentType(ContentType.JSON)
                .body("{\"name\":\"Globex\",\"plan\":\"BUSINESS\",\"timeZone\":\"Europe/Berlin\","
                        + "\"contacts\":[\"ops@globex.example\"]}")
                .post("/api/v1/customers").then().statusCode(201).header("ETag", notNullValue())
                .body("timeZone", equalTo("Europe/Berlin")).body("contacts", equalTo(List.of("ops@globex.example")))
                .extract().path("id");
        String etag = given().get("/api/v1/customers/" + id).then().extract().header("ETag");

        given().contentType(MERGE_PATCH).body("{\"plan\":\"ENTERPRISE\"}").patch("/api/v1/customers/" + id)
                .then().statusCode(428);
        String next = given().contentType(MERGE_PATCH).header("If-Match", etag)
                .body("{\"plan\":\"ENTERPRISE\",\"timeZone\":\"America/New_York\","
                        + "\"contacts\":[\"ops@globex.example\",\"cto@globex.example\"]}")
                .patch("/api/v1/customers/" + id).then().statusCode(200)
                .body("plan", equalTo("ENTERPRISE")).body("timeZone", equalTo("America/New_York"))
                .body("contacts", hasItems("ops@globex.example", "cto@globex.example"))
                .extract().header("ETag");
        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"contacts\":null}")
                .patch("/api/v1/customers/" + id).then().statusCode(412);
        given().contentType(MERGE_PATCH).header("If-Match", next).body("{\"contacts\":null}")
                .patch("/api/v1/customers/" + id).then().statusCode(200).body("contacts", equalTo(List.of()));

        // a new plan applies to the tickets opened from then on
        String ticket = createTicket(id, Severity.SEV2);
        given().get("/api/v1/tickets/" + ticket).then().body("plan", equalTo("ENTERPRISE"));
    }

    @Test
    void shouldRefuseAnUnknownTimeZoneAnAddressThatIsNoneAndUnknownFields() {
        String id = createCustomer(Plan.STANDARD);
        String etag = given().get("/api/v1/customers/" + id).then().extract().header("ETag");

        given().contentType(MERGE_PATCH).header("If-Match", etag)
                .body("{\"timeZone\":\"Mars/Olympus\",\"contacts\":[\"ops@\",\"ok@example.com\"],\"plan\":null,"
                        + "\"createdAt\":\"2020-01-01T00:00:00Z\",\"tier\":\"L1\"}")
                .patch("/api/v1/customers/" + id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("timeZone", "contacts[0]", "plan", "createdAt", "tier"));
        given().contentType(ContentType.JSON).body("{\"name\":\"x\",\"plan\":\"STANDARD\",\"timeZone\":\"CEST\"}")
                .post("/api/v1/customers").then().statusCode(400).body("errors[0].field", equalTo("timeZone"));
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"plan\":\"STANDARD\",\"contacts\":[\"not an address\"]}")
                .post("/api/v1/customers").then().statusCode(400).body("errors[0].field", equalTo("contacts[0]"));

        given().get("/api/v1/customers/" + id).then().header("ETag", etag)
                .body("timeZone", equalTo("UTC")).body("plan", equalTo("STANDARD"));
    }

    @Test
    @TestSecurity(user = "agent", roles = {"agent"})
    void shouldLetOnlyAnAdminEditACustomer() {
        given().contentType(MERGE_PATCH).header("If-Match", "\"0\"").body("{\"plan\":\"ENTERPRISE\"}")
                .patch("/api/v1/customers/" + java.util.UUID.randomUUID()).then().statusCode(403);
    }

    @Test
    void shouldPageATicketsCommentsOldestFirst() {
        String ticket = createTicket(createCustomer(Plan.BUSINESS), Severity.SEV3);
        for (int i = 1; i <= 3; i++) {
            given().contentType(ContentType.JSON)
                    .body("{\"body\":\"note " + i + "\",\"visibility\":\"" + (i == 2 ? "INTERNAL" : "PUBLIC")
                            + "\",\"authorType\":\"AGENT\",\"author\":\"dana\"}")
                    .post("/api/v1/tickets/" + ticket + "/comments").then().statusCode(201);
        }
        JsonPath first = given().queryParam("limit", 2).get("/api/v1/tickets/" + ticket + "/comments")
                .then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.body", String.class)).containsExactly("note 1", "note 2");
        assertThat(first.getList("items.visibility", String.class)).containsExactly("PUBLIC", "INTERNAL");
        given().queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .get("/api/v1/tickets/" + ticket + "/comments").then().statusCode(200)
                .body("items.body", equalTo(List.of("note 3"))).body("nextCursor", equalTo(null));
        given().get("/api/v1/tickets/" + java.util.UUID.randomUUID() + "/comments").then().statusCode(404);
    }
}
