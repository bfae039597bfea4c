package io.tierline.ticket;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tierline.testsupport.TestTokens;
import io.tierline.testsupport.TierlineInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Writing, finding and editing knowledge base articles, and drafting one from a resolved ticket. */
@QuarkusTest
@WithTestResource(TierlineInfrastructure.class)
class ArticleApiTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    static RequestSpecification as(String role, String subject) {
        return given().header("Authorization", TestTokens.bearer(role, subject));
    }

    static RequestSpecification agent() {
        return as("agent", "dana");
    }

    /**
     * A word no other test writes (the tests share one database): letters only, ending in a consonant the English
     * stemmer leaves alone, so the search finds it as written.
     */
    static String word() {
        String letters = "bcdfghjklmnpqrtvwxz";
        StringBuilder word = new StringBuilder("kb");
        for (int i = 0; i < 8; i++) {
            word.append(letters.charAt(ThreadLocalRandom.current().nextInt(letters.length())));
        }
        return word.toString();
    }

    static String article(String kind, String status, String title, String body, List<String> tags,
                          List<String> components) {
        return agent().contentType(ContentType.JSON)
                .body("{\"kind\":\"" + kind + "\",\"status\":\"" + status + "\",\"title\":\"" + title + "\",\"body\":\""
                        + body + "\",\"tags\":" + json(tags) + ",\"components\":" + json(components) + "}")
                .post("/api/v1/articles").then().statusCode(201).extract().path("id");
    }

    static String json(List<String> texts) {
        return texts.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    static String customer() {
        return as("admin", "admin").contentType(ContentType.JSON).body("{\"name\":\"Acme\",\"plan\":\"BUSINESS\"}")
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");
    }

    static String ticket(String customer, String title, String description) {
        return agent().contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customer + "\",\"severity\":\"SEV2\",\"title\":\"" + title
                        + "\",\"description\":\"" + description + "\"}")
                .post("/api/v1/tickets").then().statusCode(201).extract().path("id");
    }

    static void patchTicket(String ticket, String patch) {
        String etag = agent().get("/api/v1/tickets/" + ticket).then().statusCode(200).extract().header("ETag");
        agent().contentType(MERGE_PATCH).header("If-Match", etag).body(patch).patch("/api/v1/tickets/" + ticket)
                .then().statusCode(200);
    }

    @Test
    void shouldWriteReadAndEditAnArticleWithIfMatch() {
        String id = agent().contentType(ContentType.JSON)
                .body("{\"kind\":\"RUNBOOK\",\"title\":\"Rotate the payment key\",\"body\":\"1. Open the vault\\n2. Rotate\","
                        + "\"tags\":[\"payments\",\"keys\",\"payments\"],\"components\":[\"payments\"]}")
                .post("/api/v1/articles").then().statusCode(201)
                .header("Location", containsString("/api/v1/articles/")).header("ETag", notNullValue())
                .body("status", equalTo("DRAFT")).body("tags", equalTo(List.of("payments", "keys")))
                .body("createdBy", equalTo("dana")).body("sourceTicketId", equalTo(null))
                .extract().path("id");
        String etag = as("viewer", "vic").get("/api/v1/articles/" + id).then().statusCode(200)
                .body("body", equalTo("1. Open the vault\n2. Rotate")).extract().header("ETag");

        agent().contentType(MERGE_PATCH).body("{\"status\":\"PUBLISHED\"}").patch("/api/v1/articles/" + id)
                .then().statusCode(428).contentType("application/problem+json")
                .body("errors[0].field", equalTo("If-Match"));
        String next = as("agent", "eve").contentType(MERGE_PATCH).header("If-Match", etag)
                .body("{\"status\":\"PUBLISHED\",\"body\":\"1. Open the vault\\n2. Rotate\\n3. Restart\",\"tags\":null}")
                .patch("/api/v1/articles/" + id).then().statusCode(200)
                .body("status", equalTo("PUBLISHED")).body("tags", equalTo(List.of()))
                .body("updatedBy", equalTo("eve")).body("createdBy", equalTo("dana"))
                .extract().header("ETag");
        assertThat(next).isNotEqualTo(etag);
        agent().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"title\":\"Stale\"}")
                .patch("/api/v1/articles/" + id).then().statusCode(412).contentType("application/problem+json");

        // a bad patch is a 400 naming each field at fault and changes nothing
        agent().contentType(MERGE_PATCH).header("If-Match", next)
                .body("{\"title\":null,\"kind\":\"HOWTO\",\"createdBy\":\"mallory\"}")
                .patch("/api/v1/articles/" + id).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("title", "kind", "createdBy"));
        agent().get("/api/v1/articles/" + id).then().header("ETag", next).body("title", equalTo("Rotate the payment key"))
                .body("updatedBy", equalTo("eve"));
        agent().get("/api/v1/articles/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRefuseAnArticleWithoutTitleOrBodyOrWithTooManyTags() {
        agent().contentType(ContentType.JSON).body("{\"kind\":\"RUNBOOK\",\"title\":\" \",\"body\":\"x\"}")
                .post("/api/v1/articles").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", containsString("title"));
        agent().contentType(ContentType.JSON).body("{\"kind\":\"KNOWN_ISSUE\",\"title\":\"x\"}")
                .post("/api/v1/articles").then().statusCode(400).body("errors[0].field", containsString("body"));
        List<String> tags = new ArrayList<>();
        for (int i = 0; i <= 30; i++) {
            tags.add("t" + i);
        }
        agent().contentType(ContentType.JSON)
                .body("{\"kind\":\"RUNBOOK\",\"title\":\"x\",\"body\":\"x\",\"tags\":" + json(tags) + "}")
                .post("/api/v1/articles").then().statusCode(400).body("errors[0].field", containsString("tags"));
    }

    @Test
    void shouldFindArticlesByTheirWordsWithinTheFilters() {
        String vault = word();
        String gateway = word();
        String component = word();
        String runbook = article("RUNBOOK", "PUBLISHED", "Rotating the " + vault + " keys",
                "Open the " + gateway + " console", List.of("keys"), List.of(component));
        String issue = article("KNOWN_ISSUE", "PUBLISHED", "The " + gateway + " rejects expired keys",
                "Seen after rotating the " + vault, List.of("outage"), List.of());
        String draft = article("KNOWN_ISSUE", "DRAFT", "Half written about " + vault, "tbd", List.of("keys"),
                List.of(component));

        assertThat(search("q", vault)).containsExactly(runbook, issue, draft);
        // stemmed: "rotated" finds "rotating"; every word must be there
        assertThat(search("q", "rotated " + vault)).containsExactly(runbook, issue);
        assertThat(search("q", "\"" + gateway + " rejects\"")).containsExactly(issue);
        assertThat(search("q", vault + " -" + gateway)).containsExactly(draft);
        assertThat(search("q", vault, "status", "PUBLISHED")).containsExactly(runbook, issue);
        assertThat(search("q", vault, "kind", "KNOWN_ISSUE")).containsExactly(issue, draft);
        assertThat(search("q", vault, "tag", "keys")).containsExactly(runbook, draft);
        assertThat(search("component", component)).containsExactly(runbook, draft);
        assertThat(search("component", component, "status", "DRAFT", "tag", "keys")).containsExactly(draft);
        assertThat(search("q", word())).isEmpty();

        as("viewer", "vic").queryParam("kind", "HOWTO").get("/api/v1/articles").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("kind"));
        as("viewer", "vic").queryParam("q", "x".repeat(501)).get("/api/v1/articles").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void shouldPageThroughASearchWithoutSkippingOrRepeatingAnArticle() {
        String topic = word();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            written.add(article("RUNBOOK", "PUBLISHED", "Runbook " + i + " for " + topic, "Steps", List.of(),
                    List.of()));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = as("viewer", "vic").queryParam("q", topic).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/articles").then().statusCode(200)
                    .body("items[0]", not(hasKey("body"))).extract().jsonPath();
            seen.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
            if (pages++ == 0) {
                // written while the list is being read: found on a later page
                written.add(article("KNOWN_ISSUE", "PUBLISHED", "Late " + topic, "x", List.of(), List.of()));
            }
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(written);
        as("viewer", "vic").queryParam("cursor", "not-a-cursor").get("/api/v1/articles").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void shouldDraftAKnownIssueFromAResolvedTicket() {
        String ticket = ticket(customer(), "Checkout is down", "HTTP 500 on every payment");
        patchTicket(ticket, "{\"component\":\"payments\",\"tags\":[\"checkout\",\"eu\"]}");
        agent().contentType(ContentType.JSON).body("{\"ticketId\":\"" + ticket + "\"}").post("/api/v1/articles/drafts")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("NEW")).body("errors[0].field", equalTo("ticketId"));

        patchTicket(ticket, "{\"status\":\"RESOLVED\",\"resolutionNote\":\"Rotated the expired payment key\"}");
        String location = agent().contentType(ContentType.JSON).body("{\"ticketId\":\"" + ticket + "\"}")
                .post("/api/v1/articles/drafts").then().statusCode(201).header("ETag", notNullValue())
                .body("kind", equalTo("KNOWN_ISSUE")).body("status", equalTo("DRAFT"))
                .body("title", equalTo("Checkout is down"))
                .body("body", equalTo("## Symptoms\n\nHTTP 500 on every payment\n\n"
                        + "## Resolution\n\nRotated the expired payment key\n"))
                .body("tags", equalTo(List.of("checkout", "eu"))).body("components", equalTo(List.of("payments")))
                .body("sourceTicketId", equalTo(ticket)).body("createdBy", equalTo("dana"))
                .extract().header("Location");
        assertThat(location).matches(".*/api/v1/articles/[0-9a-f-]{36}");
        given().header("Authorization", TestTokens.bearer("viewer", "vic")).get(location).then().statusCode(200)
                .body("sourceTicketId", equalTo(ticket));

        agent().contentType(ContentType.JSON).body("{\"ticketId\":\"" + UUID.randomUUID() + "\"}")
                .post("/api/v1/articles/drafts").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("ticketId"));
    }

    @Test
    void shouldNotLetAViewerWriteOrEditArticles() {
        String id = article("RUNBOOK", "PUBLISHED", "Restart the exporter", "systemctl restart", List.of(), List.of());
        String etag = agent().get("/api/v1/articles/" + id).then().extract().header("ETag");
        RequestSpecification viewer = as("viewer", "vic");

        viewer.contentType(ContentType.JSON).body("{\"kind\":\"RUNBOOK\",\"title\":\"x\",\"body\":\"x\"}")
                .post("/api/v1/articles").then().statusCode(403).contentType("application/problem+json");
        as("viewer", "vic").contentType(MERGE_PATCH).header("If-Match", etag).body("{\"title\":\"x\"}")
                .patch("/api/v1/articles/" + id).then().statusCode(403);
        as("viewer", "vic").contentType(ContentType.JSON).body("{\"ticketId\":\"" + UUID.randomUUID() + "\"}")
                .post("/api/v1/articles/drafts").then().statusCode(403);
        as("viewer", "vic").get("/api/v1/articles/" + id).then().statusCode(200).header("ETag", etag)
                .body("title", equalTo("Restart the exporter"));
    }

    @Test
    void shouldNotLetACustomerReadTheKnowledgeBase() {
        String acme = customer();
        String id = article("RUNBOOK", "PUBLISHED", "Internal runbook", "Only for staff", List.of(), List.of());
        String ticket = ticket(acme, "Exports fail", "Since Monday");
        String rita = "Bearer " + TestTokens.forCustomer(UUID.fromString(acme), "rita@acme.example");

        given().header("Authorization", rita).get("/api/v1/articles").then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", rita).get("/api/v1/articles/" + id).then().statusCode(403)
                .body(not(containsString("Only for staff")));
        given().header("Authorization", rita).get("/api/v1/tickets/" + ticket + "/articles").then().statusCode(403);
        given().header("Authorization", rita).contentType(ContentType.JSON).body("{\"articleId\":\"" + id + "\"}")
                .post("/api/v1/tickets/" + ticket + "/articles").then().statusCode(403);
        // her own ticket she may read: the refusals are the knowledge base's, not the ticket's
        given().header("Authorization", rita).get("/api/v1/tickets/" + ticket).then().statusCode(200);
    }

    /** The ids of the articles a search finds, in the order answered (one page). */
    private static List<String> search(String... parameters) {
        RequestSpecification request = as("viewer", "vic").queryParam("limit", 500);
        for (int i = 0; i < parameters.length; i += 2) {
            request.queryParam(parameters[i], parameters[i + 1]);
        }
        return request.get("/api/v1/articles").then().statusCode(200).extract().jsonPath()
                .getList("items.id", String.class);
    }
}
