package io.tierline.notification;

import io.restassured.http.ContentType;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.Severity;
import io.tierline.contracts.SlaClockKind;
import io.tierline.contracts.Tier;
import io.tierline.contracts.events.Responder;
import io.tierline.contracts.events.SlaBreached;
import io.tierline.contracts.events.TicketRouted;
import io.tierline.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** Events and API calls the tests share. */
final class Fixtures {

    /** A person id no other test uses. */
    static String person(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers a webhook for {@code personId} as an admin (a real token, so it works with or without @TestSecurity). */
    static String registerWebhook(String personId, String url) {
        return given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body("{\"type\":\"WEBHOOK\",\"address\":\"" + url + "\"}")
                .post("/api/v1/people/" + personId + "/contact-methods")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/people/" + personId + "/contact-methods/"))
                .extract().path("id");
    }

    static CloudEvent routed(UUID ticketId, String team, String... responderIds) {
        Instant now = Instant.now();
        return CloudEvent.of("/test", new TicketRouted(ticketId, Tier.L2, team, "sev1-to-l2",
                Arrays.stream(responderIds).map(id -> new Responder(id, "Engineer " + id)).toList(), now), now);
    }

    /** A breach whose deadline was a minute ago. */
    static CloudEvent breached(UUID ticketId, SlaClockKind clock) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant due = now.minus(Duration.ofMinutes(1));
        return CloudEvent.of("/test", new SlaBreached(ticketId, clock, Severity.SEV1, due, due, now, false), now);
    }

    private Fixtures() {
    }
}
