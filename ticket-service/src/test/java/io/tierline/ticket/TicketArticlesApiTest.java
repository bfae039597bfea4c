package io.tierline.ticket;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tierline.contracts.EventTypes;
import io.tierline.contracts.Topics;
import io.tierline.contracts.events.TicketArticleLinked;
import io.tierline.testsupport.KafkaTestClient;
import io.tierline.testsupport.TierlineInfrastructure;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.tierline.ticket.ArticleApiTest.agent;
import static io.tierline.ticket.ArticleApiTest.article;
import static io.tierline.ticket.ArticleApiTest.as;
import static io.tierline.ticket.ArticleApiTest.customer;
import static io.tierline.ticket.ArticleApiTest.patchTicket;
import static io.tierline.ticket.ArticleApiTest.ticket;
import static io.tierline.ticket.ArticleApiTest.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Articles linked from a ticket (each link on its timeline) and the published ones suggested for it. */
@QuarkusTest
@WithTestResource(TierlineInfrastructure.class)
class TicketArticlesApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void shouldLinkAnArticleOnceAndPutTheLinkOnTheTimeline() {
        String ticket = ticket(customer(), "Exports fail", "Every CSV export times out");
        String runbook = article("RUNBOOK", "PUBLISHED", "Restart the export workers", "1. Drain\\n2. Restart",
                List.of(), List.of("exports"));

        JsonPath first = agent().contentType(ContentType.JSON).body("{\"articleId\":\"" + runbook + "\"}")
                .post("/api/v1/tickets/" + ticket + "/articles").then().statusCode(201)
                .header("Location", containsString("/api/v1/articles/" + runbook))
                .body("ticketId", equalTo(ticket)).body("articleId", equalTo(runbook))
                .body("title", equalTo("Restart the export workers")).body("linkedBy", equalTo("dana"))
                .extract().jsonPath();
        // again, by someone else: the same link, nothing new
        as("agent", "eve").contentType(ContentType.JSON).body("{\"articleId\":\"" + runbook + "\"}")
                .post("/api/v1/tickets/" + ticket + "/articles").then().statusCode(200)
                .body("linkedBy", equalTo("dana")).body("linkedAt", equalTo(first.getString("linkedAt")));

        as("viewer", "vic").get("/api/v1/tickets/" + ticket + "/articles").then().statusCode(200)
                .body("linked.articleId", equalTo(List.of(runbook))).body("linked[0].kind", equalTo("RUNBOOK"))
                .body("suggested.id", not(hasItem(runbook)));
        List<String> linkedEntries = agent().get("/api/v1/tickets/" + ticket + "/timeline").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.type == '" + EventTypes.TICKET_ARTICLE_LINKED
                        + "' }.summary", String.class);
        assertThat(linkedEntries).containsExactly("Article linked by dana: Restart the export workers");
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(kafka.events(Topics.TICKET_EVENTS,
                            e -> e.subject().equals(ticket) && e.type().equals(EventTypes.TICKET_ARTICLE_LINKED)))
                    .extracting(e -> e.payload(TicketArticleLinked.class))
                    .extracting(TicketArticleLinked::articleId, TicketArticleLinked::by)
                    .containsExactly(tuple(UUID.fromString(runbook), "dana")));
        }
    }

    @Test
    void shouldLinkTheArticleDraftedFromAClosedTicketBackToItWithoutChangingTheTicket() {
        String ticket = ticket(customer(), "Exports fail", "Every CSV export times out");
        patchTicket(ticket, "{\"status\":\"RESOLVED\",\"resolutionNote\":\"Raised the worker timeout\"}");
        patchTicket(ticket, "{\"status\":\"CLOSED\"}");
        String etag = agent().get("/api/v1/tickets/" + ticket).then().extract().header("ETag");
        String draft = agent().contentType(ContentType.JSON).body("{\"ticketId\":\"" + ticket + "\"}")
                .post("/api/v1/articles/drafts").then().statusCode(201).extract().path("id");

        agent().contentType(ContentType.JSON).body("{\"articleId\":\"" + draft + "\"}")
                .post("/api/v1/tickets/" + ticket + "/articles").then().statusCode(201)
                .body("status", equalTo("DRAFT"));

        // a link is not an edit of the ticket: its ETag stays as it was
        agent().get("/api/v1/tickets/" + ticket).then().header("ETag", etag).body("status", equalTo("CLOSED"));
        agent().get("/api/v1/tickets/" + ticket + "/articles").then().body("linked.articleId", equalTo(List.of(draft)))
                .body("suggested.id", not(hasItem(draft)));
    }

    @Test
    void shouldRefuseLinkingAnUnknownArticleOrToAnUnknownTicketAndChangeNothing() {
        String ticket = ticket(customer(), "Exports fail", "Timeouts");
        String runbook = article("RUNBOOK", "DRAFT", "Exports", "x", List.of(), List.of());

        agent().contentType(ContentType.JSON).body("{\"articleId\":\"" + UUID.randomUUID() + "\"}")
                .post("/api/v1/tickets/" + ticket + "/articles").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("articleId"));
        agent().contentType(ContentType.JSON).body("{\"articleId\":\"" + runbook + "\"}")
                .post("/api/v1/tickets/" + UUID.randomUUID() + "/articles").then().statusCode(404)
                .contentType("application/problem+json");
        agent().contentType(ContentType.JSON).body("{\"articleId\":\"not-a-uuid\"}")
                .post("/api/v1/tickets/" + ticket + "/articles").then().statusCode(400)
                .contentType("application/problem+json");
        as("viewer", "vic").contentType(ContentType.JSON).body("{\"articleId\":\"" + runbook + "\"}")
                .post("/api/v1/tickets/" + ticket + "/articles").then().statusCode(403);

        agent().get("/api/v1/tickets/" + ticket + "/articles").then().statusCode(200)
                .body("linked", equalTo(List.of()));
        agent().get("/api/v1/tickets/" + ticket + "/timeline").then()
                .body("type", equalTo(List.of(EventTypes.TICKET_OPENED)));
        agent().get("/api/v1/tickets/" + UUID.randomUUID() + "/articles").then().statusCode(404);
    }

    @Test
    void shouldSuggestPublishedArticlesOfTheTicketsComponentFirstThenByItsWords() {
        // words (beside stop words) and a component no other test uses: suggestions come from every article there is
        String stall = word();
        String ledger = word();
        String replica = word();
        String component = word();
        String ticket = ticket(customer(), "The " + stall + " " + ledger, "When the " + replica + " is on");
        patchTicket(ticket, "{\"component\":\"" + component + "\"}");

        String componentAndWord = article("RUNBOOK", "PUBLISHED", "Operating the service",
                "When a " + replica + " lags, restart it", List.of(), List.of(component, "other"));
        String componentOnly = article("RUNBOOK", "PUBLISHED", "Service on-call guide", "Dashboards and alerts",
                List.of(), List.of(component));
        String titleMatch = article("KNOWN_ISSUE", "PUBLISHED", "The " + stall + " " + ledger + " stalls at midnight",
                "Upgrade to 4.3", List.of(), List.of("elsewhere"));
        String bodyMatch1 = article("KNOWN_ISSUE", "PUBLISHED", "Slow nightly jobs", "Seen with " + ledger + " only",
                List.of(), List.of());
        String bodyMatch2 = article("KNOWN_ISSUE", "PUBLISHED", "Slow mornings", "The " + replica + " catches up",
                List.of(), List.of());
        String bodyMatch3 = article("KNOWN_ISSUE", "PUBLISHED", "Another one", "A " + stall + " again", List.of(),
                List.of());
        String draft = article("KNOWN_ISSUE", "DRAFT", "The " + stall + " " + ledger + " stalls (draft)",
                stall + " " + ledger, List.of(), List.of(component));
        String linked = article("KNOWN_ISSUE", "PUBLISHED", "The " + stall + " " + ledger + " " + replica + " stalls",
                stall + " " + ledger + " " + replica, List.of(), List.of(component));
        String unrelated = article("RUNBOOK", "PUBLISHED", "Rotate " + word() + " keys", "Nothing in common",
                List.of(), List.of(word()));
        agent().contentType(ContentType.JSON).body("{\"articleId\":\"" + linked + "\"}")
                .post("/api/v1/tickets/" + ticket + "/articles").then().statusCode(201);

        JsonPath answer = as("viewer", "vic").get("/api/v1/tickets/" + ticket + "/articles").then().statusCode(200)
                .extract().jsonPath();
        List<String> suggested = answer.getList("suggested.id", String.class);

        assertThat(answer.getList("linked.articleId", String.class)).containsExactly(linked);
        assertThat(suggested).hasSize(5).doesNotContain(draft, linked, unrelated);
        // its component first (the better text match of the two first), then the title match, which outranks words
        // in a body; of three equal body matches the two latest edited
        assertThat(suggested.subList(0, 3)).containsExactly(componentAndWord, componentOnly, titleMatch);
        assertThat(suggested.subList(3, 5)).containsExactly(bodyMatch3, bodyMatch2);
        assertThat(List.of(bodyMatch1)).doesNotContainAnyElementsOf(suggested);
        assertThat(answer.getList("suggested", Map.class)).allSatisfy(item ->
                assertThat(item).containsEntry("status", "PUBLISHED").doesNotContainKey("body"));
    }
}
