package io.tierline.ticket.search;

import io.tierline.contracts.Severity;
import io.tierline.platform.rest.Cursor;
import io.tierline.ticket.domain.TicketStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TicketQueryTest {

    private static final TicketFilter NOTHING = new TicketFilter(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);

    @Test
    void shouldAskForTheNewestTicketsWhenNothingIsFiltered() {
        TicketQuery query = TicketQuery.of(NOTHING, TicketOrder.CREATED, null, true, 51);

        assertThat(query.sql()).isEqualTo("select id from ticket order by created_at desc, id desc limit ?1");
        assertThat(query.params()).containsExactly(51);
    }

    @Test
    void shouldBindEveryValueAndSearchWhatTheCallerMaySee() {
        TicketFilter filter = new TicketFilter(List.of(TicketStatus.OPEN, TicketStatus.IN_PROGRESS),
                List.of(Severity.SEV1), null, "core", null, null, null, "checkout'; drop table ticket; --", null,
                Instant.EPOCH, null, null, null, true, "payment -refund", null);

        TicketQuery staff = TicketQuery.of(filter, TicketOrder.CREATED, null, true, 11);
        TicketQuery customer = TicketQuery.of(filter, TicketOrder.CREATED, null, false, 11);

        assertThat(staff.sql()).isEqualTo("select id from ticket where status = any(cast(?1 as text[]))"
                + " and severity = any(cast(?2 as text[])) and team = ?3 and tags @> cast(?4 as text[])"
                + " and created_at >= ?5 and breached_at is not null"
                + " and search @@ websearch_to_tsquery('english', ?6) order by created_at desc, id desc limit ?7");
        assertThat(staff.params()).hasSize(7).contains("core", Instant.EPOCH, "payment -refund", 11);
        assertThat(customer.sql()).contains("public_search @@").doesNotContain(" search @@");
        assertThat(staff.sql()).doesNotContain("drop table");
    }

    @Test
    void shouldStartAPageAfterItsCursorInEachOrder() {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-29T10:00:00Z");

        assertThat(TicketQuery.of(NOTHING, TicketOrder.UPDATED, new Cursor("updated", at, id), true, 3).sql())
                .isEqualTo("select id from ticket where (updated_at, id) < (?1, ?2)"
                        + " order by updated_at desc, id desc limit ?3");
        TicketQuery severity = TicketQuery.of(NOTHING, TicketOrder.SEVERITY, new Cursor("severity:SEV2", at, id),
                true, 3);
        assertThat(severity.sql()).isEqualTo("select id from ticket where (severity > ?1 or (severity = ?1 and"
                + " (created_at, id) < (?2, ?3))) order by severity, created_at desc, id desc limit ?4");
        assertThat(severity.params()).containsExactly("SEV2", at, id, 3);
    }
}
