package io.tierline.ticket;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tierline.contracts.EventTypes;
import io.tierline.testsupport.TestTokens;
import io.tierline.testsupport.TierlineInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** A customer's own people: their customer's tickets and public replies, nothing internal, nobody else's. */
@QuarkusTest
@WithTestResource(TierlineInfrastructure.class)
class CustomerRoleTest {

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static RequestSpecification admin() {
        return as(TestTokens.forRole("admin", "admin"));
    }

    private static RequestSpecification agent() {
        return as(TestTokens.forRole("agent", "dana"));
    }

    private static String customer(String name) {
        return admin().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"plan\":\"ENTERPRISE\"}")
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");
    }

    private static String ticket(RequestSpecification caller, String customer) {
        return caller.contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customer + "\",\"severity\":\"SEV2\",\"title\":\"Exports fail\"}")
                .post("/api/v1/tickets").then().statusCode(201).extract().path("id");
    }

    private static void comment(RequestSpecification caller, String ticket, String visibility, String authorType,
                                int status) {
        caller.contentType(ContentType.JSON)
                .body("{\"body\":\"" + visibility + " words\",\"visibility\":\"" + visibility + "\",\"authorType\":\""
                        + authorType + "\",\"author\":\"someone\"}")
                .post("/api/v1/tickets/" + ticket + "/comments").then().statusCode(status);
    }

    @Test
    void shouldSeeAndOpenOnlyItsCustomersTicketsWithoutInternalFields() {
        String acme = customer("Acme");
        String globex = customer("Globex");
        String rita = TestTokens.forCustomer(UUID.fromString(acme), "rita@acme.example");

        String own = ticket(as(rita), acme);
        String theirs = ticket(agent(), globex);
        admin().contentType("application/merge-patch+json")
                .header("If-Match", agent().get("/api/v1/tickets/" + own).then().extract().header("ETag"))
                .body("{\"assignee\":\"alice\",\"component\":\"exports\"}").patch("/api/v1/tickets/" + own)
                .then().statusCode(200);

        as(rita).get("/api/v1/tickets/" + own).then().statusCode(200)
                .body("customerId", equalTo(acme)).body("status", equalTo("NEW"))
                .body("$", not(hasKey("assignee"))).body("$", not(hasKey("component")))
                .body("$", not(hasKey("tier"))).body("$", not(hasKey("team"))).body("$", not(hasKey("openedBy")))
                .body("$", not(hasKey("source")));
        agent().get("/api/v1/tickets/" + own).then().body("assignee", equalTo("alice")).body("openedBy",
                equalTo("rita@acme.example"));

        as(rita).get("/api/v1/tickets/" + theirs).then().statusCode(404).contentType("application/problem+json");
        as(rita).get("/api/v1/tickets").then().statusCode(200)
                .body("items.customerId", everyItem(equalTo(acme))).body("items.id", hasItem(own));
        as(rita).queryParam("customerId", globex).get("/api/v1/tickets").then().statusCode(403);
        as(rita).contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + globex + "\",\"severity\":\"SEV1\",\"title\":\"x\"}")
                .post("/api/v1/tickets").then().statusCode(403).body("errors[0].field", equalTo("customerId"));
        comment(as(rita), theirs, "PUBLIC", "CUSTOMER", 404);
    }

    @Test
    void shouldNeverShowInternalNotesAndPostOnlyPublicReplies() {
        String acme = customer("Acme");
        String rita = TestTokens.forCustomer(UUID.fromString(acme), "rita@acme.example");
        String ticket = ticket(agent(), acme);
        comment(agent(), ticket, "INTERNAL", "AGENT", 201);
        comment(agent(), ticket, "PUBLIC", "AGENT", 201);
        comment(as(rita), ticket, "PUBLIC", "CUSTOMER", 201);
        comment(as(rita), ticket, "INTERNAL", "CUSTOMER", 403);
        comment(as(rita), ticket, "PUBLIC", "AGENT", 403);

        as(rita).get("/api/v1/tickets/" + ticket + "/comments").then().statusCode(200)
                .body("items.visibility", equalTo(List.of("PUBLIC", "PUBLIC")))
                .body("items.authorType", equalTo(List.of("AGENT", "CUSTOMER")))
                .body("items[0]", not(hasKey("postedBy")));
        agent().get("/api/v1/tickets/" + ticket + "/comments").then()
                .body("items.visibility", equalTo(List.of("INTERNAL", "PUBLIC", "PUBLIC")));

        // nothing internal is theirs to read or change
        as(rita).get("/api/v1/tickets/" + ticket + "/timeline").then().statusCode(403);
        as(rita).contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"status\":\"OPEN\"}")
                .patch("/api/v1/tickets/" + ticket).then().statusCode(403);
        as(rita).contentType(ContentType.JSON).body("{\"targetTier\":\"L2\",\"reason\":\"faster\"}")
                .post("/api/v1/tickets/" + ticket + "/escalations").then().statusCode(403);
        as(rita).get("/api/v1/customers").then().statusCode(403);
        as(rita).get("/api/v1/customers/" + acme).then().statusCode(403);
    }

    @Test
    void shouldTakeATicketWaitingOnTheCustomerBackToOpenWhenTheyReply() {
        String acme = customer("Acme");
        String rita = TestTokens.forCustomer(UUID.fromString(acme), "rita@acme.example");
        String ticket = ticket(agent(), acme);
        agent().contentType("application/merge-patch+json")
                .header("If-Match", agent().get("/api/v1/tickets/" + ticket).then().extract().header("ETag"))
                .body("{\"status\":\"WAITING_ON_CUSTOMER\",\"statusReason\":\"need the export log\"}")
                .patch("/api/v1/tickets/" + ticket).then().statusCode(200);

        comment(as(rita), ticket, "PUBLIC", "CUSTOMER", 201);

        agent().get("/api/v1/tickets/" + ticket).then().body("status", equalTo("OPEN"))
                .body("statusReason", equalTo("the customer replied"));
        agent().get("/api/v1/tickets/" + ticket + "/timeline").then()
                .body("type", hasItem(EventTypes.TICKET_STATUS_CHANGED))
                .body("summary", hasItem("Status WAITING_ON_CUSTOMER → OPEN by rita@acme.example: the customer replied"));
    }

    @Test
    void shouldRefuseACustomerTokenThatNamesNoCustomer() {
        as(TestTokens.forRole("customer", "nobody@example.com")).get("/api/v1/tickets").then().statusCode(403)
                .contentType("application/problem+json");
    }
}
