package io.tierline.ticket;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tierline.contracts.Plan;
import io.tierline.testsupport.LogCapture;
import io.tierline.testsupport.TierlineInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** Bad input is a 400 problem naming the field (or the body, or the parameter), and opens no ticket. */
@QuarkusTest
@TestSecurity(user = "tester", roles = {"admin", "agent", "viewer"})
@WithTestResource(TierlineInfrastructure.class)
class InputLimitsTest {

    String customerId;

    @BeforeEach
    void customer() {
        customerId = TicketApiTest.createCustomer(Plan.BUSINESS);
    }

    private String ticket(String fields) {
        return "{\"customerId\":\"" + customerId + "\",\"severity\":\"SEV2\",\"title\":\"Checkout is down\"" + fields
                + "}";
    }

    private ValidatableResponse open(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/tickets").then();
    }

    private void assertNoTicketOpened() {
        given().get("/api/v1/tickets?customerId=" + customerId).then().statusCode(200).body("items.size()", equalTo(0));
    }

    private static void refused(ValidatableResponse response, String field, String message) {
        response.statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("instance", startsWith("/api/v1/"))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", containsString(message));
    }

    @Test
    void shouldRefuseABodyOverTheSizeLimitWhetherItsLengthIsDeclaredOrNot() throws Exception {
        // padded with whitespace, so that nothing but the size is wrong with it
        String big = ticket(" ".repeat(600 * 1024));
        open(big).statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", equalTo("is larger than 512 KB"));

        // chunked: no length is declared and the body grows past the limit as it is read
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/api/v1/tickets"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build();
        try (LogCapture logs = LogCapture.start()) {
            HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(chunked, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(413);
            // a client's mistake, not the service's: nothing logged as a failure
            assertThat(logs.text()).doesNotContain("Unexpected failure").doesNotContain("failed, error id");
        }
        assertNoTicketOpened();
    }

    @Test
    void shouldRefuseABodyNestedDeeperThanTheLimit() {
        String deep = "[".repeat(40) + "]".repeat(40);
        refused(open(ticket(",\"labels\":" + deep)), "body", "nesting depth (33) exceeds the maximum allowed (32)");
        refused(open("{\"a\":".repeat(40) + "1" + "}".repeat(40)), "body", "nesting depth");
        assertNoTicketOpened();
    }

    @Test
    void shouldRefuseAStringOrNumberLongerThanTheParserReads() {
        refused(open(ticket(",\"description\":\"" + "x".repeat(70_000) + "\"")), "description", "exceeds a limit");
        refused(open(ticket(",\"priority\":" + "9".repeat(100))), "body", "exceeds a limit");
        assertNoTicketOpened();
    }

    @Test
    void shouldRefuseAnEnumValueThatIsNotExactlyOneOfItsConstants() {
        for (String severity : new String[]{"\"sev1\"", "\" SEV1\"", "\"SEV1\\u0007\"", "0", "\"1\"", "{}"}) {
            refused(open("{\"customerId\":\"" + customerId + "\",\"severity\":" + severity + ",\"title\":\"x\"}"),
                    "severity", "");
        }
        open("{\"customerId\":\"" + customerId + "\",\"severity\":\"sev1\",\"title\":\"x\"}")
                .body("errors[0].message", equalTo("'sev1' is not one of [SEV1, SEV2, SEV3, SEV4]"));
        assertNoTicketOpened();
    }

    @Test
    void shouldEchoARejectedValueOnlyShortened() {
        String value = "SEV" + "9".repeat(500);
        open("{\"customerId\":\"" + customerId + "\",\"severity\":\"" + value + "\",\"title\":\"x\"}")
                .statusCode(400)
                .body("detail", containsString("SEV" + "9".repeat(61) + "…"))
                .body(not(containsString("9".repeat(62))));
        assertNoTicketOpened();
    }

    @Test
    void shouldRefuseMalformedUuidsInTheBodyThePathAndTheQuery() {
        refused(open("{\"customerId\":\"1-1-1-1-1\",\"severity\":\"SEV2\",\"title\":\"x\"}"), "customerId",
                "'1-1-1-1-1' is not a UUID");
        refused(given().get("/api/v1/tickets/1-1-1-1-1").then(), "id", "is not a UUID");
        refused(given().get("/api/v1/tickets/" + customerId + "x").then(), "id", "is not a UUID");
        refused(given().get("/api/v1/tickets?customerId=" + customerId.toUpperCase() + "0").then(), "customerId",
                "is not a UUID");
        refused(given().get("/api/v1/tickets?limit=ten").then(), "limit", "'ten' is not an integer");
        given().get("/api/v1/tickets/1-1-1-1-1").then().body("instance", equalTo("/api/v1/tickets/1-1-1-1-1"));
        given().get("/api/v1/tickets?customerId=" + customerId.toUpperCase()).then().statusCode(200);
        assertNoTicketOpened();
    }

    @Test
    void shouldRefuseTextPostgresqlCannotStore() {
        refused(open("{\"customerId\":\"" + customerId + "\",\"severity\":\"SEV2\",\"title\":\"a\\u0000b\"}"), "title",
                "NUL");
        refused(open("{\"customerId\":\"" + customerId + "\",\"severity\":\"SEV2\",\"title\":\"a\\ud800b\"}"), "title",
                "unpaired surrogate");
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"Acme\\u0000\",\"plan\":\"STANDARD\"}").post("/api/v1/customers")
                .then().statusCode(400).body("errors[0].field", equalTo("name"));
        assertNoTicketOpened();
    }

    @Test
    void shouldRefuseContentAfterTheDocumentAndHeadersThatAreNoMediaTypes() {
        refused(open(ticket("") + "{}"), "body", "after the end of the document");
        refused(given().contentType("json").body(ticket("").getBytes(StandardCharsets.UTF_8))
                        .post("/api/v1/tickets").then(), "Content-Type",
                "not a media type");
        assertNoTicketOpened();

        String ticket = open(ticket("")).statusCode(201).extract().path("id");
        refused(given().accept("json").get("/api/v1/tickets/" + ticket).then(), "Accept", "not a list of media types");
        given().header("Accept", "text/html, image/gif, *; q=.2, */*; q=.2").get("/api/v1/tickets/" + ticket)
                .then().statusCode(200);
    }

    @Test
    void shouldStillOpenAValidTicketWithOddButStorableText() {
        String title = "\u202eevil \ud83d\ude00 ' OR '1'='1 \u0007";
        String id = open("{\"customerId\":\"" + customerId + "\",\"severity\":\"SEV2\",\"title\":\""
                + title.replace("\u0007", "\\u0007") + "\"}").statusCode(201).extract().path("id");
        assertThat(given().get("/api/v1/tickets/" + id).then().statusCode(200).extract().<String>path("title"))
                .isEqualTo(title);
    }
}
