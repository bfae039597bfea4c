package io.tierline.systemtests;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tierline.devtokens.DevTokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public REST APIs of the four services, as a support engineer or an integration calls them. Methods that
 * create something assert the documented answer; reads return what the service said, for the test to judge.
 * <p>
 * Every call carries a bearer token of the role it needs: {@value #ADMIN} for configuration (customers, contact
 * methods), {@value #AGENT} for the work on tickets (opening, comments, acknowledgements) and for reads.
 */
public final class TierlineApi {

    /** Role of the configuration calls. */
    public static final String ADMIN = "admin";
    /** Role of the calls that work tickets, and of the reads. */
    public static final String AGENT = "agent";

    private final String ticket;
    private final String escalation;
    private final String sla;
    private final String notification;
    private final String adminToken;
    private final String agentToken;
    private final DevTokens tokens;

    TierlineApi(String ticket, String escalation, String sla, String notification, DevTokens tokens) {
        this.ticket = ticket;
        this.escalation = escalation;
        this.sla = sla;
        this.notification = notification;
        // Valid for an hour, far longer than a test class may run (the failsafe fork times out after 20 minutes).
        this.tokens = tokens;
        this.adminToken = tokens.issue(ADMIN);
        this.agentToken = tokens.issue(AGENT);
    }

    /** A request to {@code baseUri} as an administrator. */
    private RequestSpecification asAdmin(String baseUri) {
        return given().baseUri(baseUri).header("Authorization", "Bearer " + adminToken);
    }

    /** A request to {@code baseUri} as a support agent. */
    private RequestSpecification asAgent(String baseUri) {
        return given().baseUri(baseUri).header("Authorization", "Bearer " + agentToken);
    }

    // --- ticket-service

    public String createCustomer(String name, String plan) {
        return asAdmin(ticket).contentType(ContentType.JSON)
                .body(Map.of("name", name, "plan", plan))
                .post("/api/v1/customers")
                .then().statusCode(201)
                .extract().path("id");
    }

    public String openTicket(String customerId, String severity, String title) {
        return asAgent(ticket).contentType(ContentType.JSON)
                .body(Map.of("customerId", customerId, "severity", severity, "title", title,
                        "description", "Raised by the system tests"))
                .post("/api/v1/tickets")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/tickets/"))
                .extract().path("id");
    }

    /** A new integration for the customer; returns its key (the only time the API shows it). */
    public String createIntegration(String customerId, String name) {
        return asAdmin(ticket).contentType(ContentType.JSON)
                .body(Map.of("name", name, "customerId", customerId))
                .post("/api/v1/integrations")
                .then().statusCode(201)
                .extract().path("key");
    }

    /** A PagerDuty Events API v2 trigger, as a monitoring tool sends it; returns the dedup key of the answer. */
    public String triggerPagerDutyAlert(String routingKey, String dedupKey, String severity, String summary) {
        return given().baseUri(ticket).contentType(ContentType.JSON)
                .body(Map.of("routing_key", routingKey, "event_action", "trigger", "dedup_key", dedupKey,
                        "payload", Map.of("summary", summary, "source", "system-tests", "severity", severity)))
                .post("/integrations/pagerduty/v2/enqueue")
                .then().statusCode(202)
                .extract().path("dedup_key");
    }

    /** The customer's tickets, newest first. */
    public List<Map<String, Object>> tickets(String customerId) {
        return asAgent(ticket).queryParam("customerId", customerId).get("/api/v1/tickets")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    public void replyPublicly(String ticketId, String agent, String body) {
        asAgent(ticket).contentType(ContentType.JSON)
                .body(Map.of("body", body, "visibility", "PUBLIC", "authorType", "AGENT", "author", agent))
                .post("/api/v1/tickets/" + ticketId + "/comments")
                .then().statusCode(201);
    }

    public JsonPath ticket(String ticketId) {
        return asAgent(ticket).get("/api/v1/tickets/" + ticketId)
                .then().statusCode(200).extract().jsonPath();
    }

    /** The ticket's timeline entries ({@code eventId, type, occurredAt, source, summary, data}) in order. */
    public List<Map<String, Object>> timeline(String ticketId) {
        return asAgent(ticket).get("/api/v1/tickets/" + ticketId + "/timeline")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    public List<String> timelineTypes(String ticketId) {
        return timeline(ticketId).stream().map(e -> (String) e.get("type")).toList();
    }

    // --- escalation-service

    /** The escalation state of a ticket, empty while the service answers 404 (not routed yet). */
    public Optional<JsonPath> escalation(String ticketId) {
        Response response = asAgent(escalation).get("/api/v1/escalations/" + ticketId);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        assertThat(response.statusCode()).as("GET escalation of %s: %s", ticketId, response.asString())
                .isEqualTo(200);
        return Optional.of(response.jsonPath());
    }

    /**
     * The ids of the responders in an escalation answer; a responder may be given as an object with an {@code id}
     * or as a plain id.
     */
    public static List<String> responderIds(JsonPath escalationState) {
        List<Object> responders = escalationState.getList("responders");
        return responders == null ? List.of() : responders.stream()
                .map(r -> r instanceof Map<?, ?> m ? (String) m.get("id") : String.valueOf(r))
                .filter(Objects::nonNull)
                .toList();
    }

    // --- sla-service

    /** The ticket's FIRST_RESPONSE clock, empty while sla-service answers 404 (no clock yet). */
    public Optional<Map<String, Object>> firstResponseClock(String ticketId) {
        Response response = asAgent(sla).get("/api/v1/tickets/" + ticketId + "/sla");
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        assertThat(response.statusCode()).as("GET sla of %s: %s", ticketId, response.asString()).isEqualTo(200);
        List<Map<String, Object>> clocks = response.jsonPath().getList("clocks");
        return clocks == null ? Optional.empty()
                : clocks.stream().filter(c -> "FIRST_RESPONSE".equals(c.get("kind"))).findFirst();
    }

    // --- escalation-service

    /** A team of a tier whose members are paged for its tickets (it has no escalation policy). */
    public void createTeam(String id, String tier, List<String> members) {
        Response response = asAdmin(escalation).contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", id, "tier", tier, "members", members))
                .post("/api/v1/teams");
        assertThat(response.statusCode()).as("create team %s: %s", id, response.asString()).isIn(201, 409);
    }

    /** A routing rule at the end of the list: these severities go to the tier and team. */
    public void createRule(String name, List<String> severities, String tier, String team) {
        Response response = asAdmin(escalation).contentType(ContentType.JSON)
                .body(Map.of("name", name, "conditions", Map.of("severities", severities),
                        "action", Map.of("tier", tier, "team", team)))
                .post("/api/v1/routing-rules");
        assertThat(response.statusCode()).as("create rule %s: %s", name, response.asString()).isEqualTo(201);
    }

    // --- notification-service

    public void registerWebhook(String person, String url) {
        Response response = asAdmin(notification).contentType(ContentType.JSON)
                .body(Map.of("type", "WEBHOOK", "address", url))
                .post("/api/v1/people/" + person + "/contact-methods");
        assertThat(response.statusCode()).as("register webhook of %s: %s", person, response.asString())
                .isBetween(200, 299);
    }

    /** Pages of a ticket: {@code id, ticketId, responderId, cause, status, attempts, ...}. */
    public List<Map<String, Object>> pages(String ticketId) {
        return asAgent(notification).queryParam("ticketId", ticketId).get("/api/v1/pages")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    public List<Map<String, Object>> pages(String ticketId, String responderId) {
        return pages(ticketId).stream().filter(p -> responderId.equals(p.get("responderId"))).toList();
    }

    /** {@code person} acknowledges with a token of their own: the page records the caller. */
    public void acknowledgePage(String pageId, String person) {
        given().baseUri(notification)
                .header("Authorization", "Bearer " + tokens.issue(person, List.of(AGENT), Duration.ofMinutes(5)))
                .post("/api/v1/pages/" + pageId + "/ack")
                .then().statusCode(200);
    }
}
