package io.tierline.systemtests;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Steps the system tests share: opening an urgent ticket, watching its SLA clock, waiting for its pages. */
final class Scenarios {

    /** An ENTERPRISE customer's SEV1 ticket: 4 s first-response target, routed to L2 team core (alice, bob). */
    static String openEnterpriseSev1(TierlineSystem system, String title) {
        String customerId = system.api().createCustomer("Acme Corp", "ENTERPRISE");
        return system.api().openTicket(customerId, "SEV1", title);
    }

    /** Waits until the ticket's FIRST_RESPONSE clock has the status, and returns it. */
    static Map<String, Object> awaitFirstResponseClock(TierlineSystem system, String ticketId, String status) {
        return await("FIRST_RESPONSE clock of " + ticketId + " " + status)
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> system.api().firstResponseClock(ticketId).orElse(null),
                        clock -> clock != null && status.equals(clock.get("status")));
    }

    static Instant instant(Map<String, Object> json, String field) {
        Object value = json.get(field);
        assertThat(value).as("%s in %s", field, json).isNotNull();
        return Instant.parse(value.toString());
    }

    /** Waits until every one of the responders has a DELIVERED page for the ticket; returns them by responder. */
    static Map<String, Map<String, Object>> awaitPagesDelivered(TierlineSystem system, String ticketId,
                                                                List<String> responders) {
        List<Map<String, Object>> pages = await("pages of " + ticketId + " DELIVERED to " + responders)
                .until(() -> system.api().pages(ticketId), all -> responders.stream().allMatch(person ->
                        all.stream().anyMatch(p -> person.equals(p.get("responderId"))
                                && "DELIVERED".equals(p.get("status")))));
        Map<String, Map<String, Object>> byResponder = new LinkedHashMap<>();
        for (String person : responders) {
            List<Map<String, Object>> theirs = pages.stream()
                    .filter(p -> person.equals(p.get("responderId"))).toList();
            assertThat(theirs).as("pages of %s for ticket %s", person, ticketId).hasSize(1);
            byResponder.put(person, theirs.get(0));
        }
        return byResponder;
    }

    private Scenarios() {
    }
}
