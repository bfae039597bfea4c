package io.tierline.ticket.lifecycle;

import io.tierline.ticket.domain.TicketStatus;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import static io.tierline.ticket.domain.TicketStatus.CLOSED;
import static io.tierline.ticket.domain.TicketStatus.IN_PROGRESS;
import static io.tierline.ticket.domain.TicketStatus.NEW;
import static io.tierline.ticket.domain.TicketStatus.OPEN;
import static io.tierline.ticket.domain.TicketStatus.RESOLVED;
import static io.tierline.ticket.domain.TicketStatus.WAITING_ON_CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TicketLifecycleTest {

    private static final Duration WINDOW = Duration.ofDays(14);
    private static final Instant RESOLVED_AT = Instant.parse("2026-11-01T10:00:00Z");
    private final TicketLifecycle lifecycle = new TicketLifecycle(WINDOW);

    /** Every pair of statuses: whether the move is allowed (within the reopen window). */
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "NEW, NEW, false", "NEW, OPEN, true", "NEW, IN_PROGRESS, true", "NEW, WAITING_ON_CUSTOMER, true",
            "NEW, RESOLVED, true", "NEW, CLOSED, false",
            "OPEN, NEW, false", "OPEN, OPEN, false", "OPEN, IN_PROGRESS, true", "OPEN, WAITING_ON_CUSTOMER, true",
            "OPEN, RESOLVED, true", "OPEN, CLOSED, false",
            "IN_PROGRESS, NEW, false", "IN_PROGRESS, OPEN, true", "IN_PROGRESS, IN_PROGRESS, false",
            "IN_PROGRESS, WAITING_ON_CUSTOMER, true", "IN_PROGRESS, RESOLVED, true", "IN_PROGRESS, CLOSED, false",
            "WAITING_ON_CUSTOMER, NEW, false", "WAITING_ON_CUSTOMER, OPEN, true",
            "WAITING_ON_CUSTOMER, IN_PROGRESS, true", "WAITING_ON_CUSTOMER, WAITING_ON_CUSTOMER, false",
            "WAITING_ON_CUSTOMER, RESOLVED, true", "WAITING_ON_CUSTOMER, CLOSED, false",
            "RESOLVED, NEW, false", "RESOLVED, OPEN, true", "RESOLVED, IN_PROGRESS, true",
            "RESOLVED, WAITING_ON_CUSTOMER, false", "RESOLVED, RESOLVED, false", "RESOLVED, CLOSED, true",
            "CLOSED, NEW, false", "CLOSED, OPEN, false", "CLOSED, IN_PROGRESS, false",
            "CLOSED, WAITING_ON_CUSTOMER, false", "CLOSED, RESOLVED, false", "CLOSED, CLOSED, false"})
    void shouldAllowExactlyTheLifecyclesMoves(TicketStatus from, TicketStatus to, boolean allowed) {
        Instant now = RESOLVED_AT.plus(Duration.ofDays(1));
        if (allowed) {
            assertThat(lifecycle.check(from, to, RESOLVED_AT, now).to()).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> lifecycle.check(from, to, RESOLVED_AT, now))
                    .isInstanceOf(ForbiddenTransition.class)
                    .satisfies(e -> assertThat(((ForbiddenTransition) e).allowed())
                            .isEqualTo(lifecycle.allowed(from, RESOLVED_AT, now)));
        }
    }

    @Test
    void shouldNameTheAllowedStatusesWhenRefusing() {
        assertThatThrownBy(() -> lifecycle.check(NEW, CLOSED, null, RESOLVED_AT))
                .hasMessage("A ticket that is NEW cannot move to CLOSED; it may move to OPEN, IN_PROGRESS,"
                        + " WAITING_ON_CUSTOMER, RESOLVED");
        assertThatThrownBy(() -> lifecycle.check(CLOSED, OPEN, RESOLVED_AT, RESOLVED_AT))
                .hasMessage("A ticket that is CLOSED cannot move to OPEN; it cannot move to any other status");
    }

    @Test
    void shouldReopenAResolvedTicketWithinTheWindowOnly() {
        Instant lastMoment = RESOLVED_AT.plus(WINDOW);
        assertThat(lifecycle.check(RESOLVED, OPEN, RESOLVED_AT, lastMoment).reopened()).isTrue();
        assertThat(lifecycle.check(RESOLVED, IN_PROGRESS, RESOLVED_AT, lastMoment).reopened()).isTrue();

        Instant tooLate = lastMoment.plusSeconds(1);
        assertThatThrownBy(() -> lifecycle.check(RESOLVED, OPEN, RESOLVED_AT, tooLate))
                .hasMessage("A ticket that is RESOLVED cannot move to OPEN: it was resolved more than 14 days ago, so it can"
                        + " no longer be reopened; it may move to CLOSED");
        assertThat(lifecycle.check(RESOLVED, CLOSED, RESOLVED_AT, tooLate).reopened()).isFalse();
    }

    @Test
    void shouldRefuseANegativeWindow() {
        assertThatThrownBy(() -> new TicketLifecycle(Duration.ofDays(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------------------------------------- properties

    @Property
    void checkAgreesWithAllowed(@ForAll TicketStatus from, @ForAll TicketStatus to,
                                @ForAll @LongRange(min = 0, max = 60L * 24 * 3600) long secondsAfterResolving) {
        Instant now = RESOLVED_AT.plusSeconds(secondsAfterResolving);
        boolean allowed = lifecycle.allowed(from, RESOLVED_AT, now).contains(to);
        boolean checked;
        try {
            lifecycle.check(from, to, RESOLVED_AT, now);
            checked = true;
        } catch (ForbiddenTransition e) {
            checked = false;
            assertThat(e.getMessage()).contains(from.name(), to.name());
        }
        assertThat(checked).isEqualTo(allowed);
    }

    @Property
    void noStatusLeadsToItselfOrBackToNewAndClosedIsFinal(@ForAll TicketStatus from,
                                                        @ForAll @LongRange(min = 0, max = 60L * 24 * 3600) long seconds) {
        var allowed = lifecycle.allowed(from, RESOLVED_AT, RESOLVED_AT.plusSeconds(seconds));
        assertThat(allowed).doesNotContain(from, NEW);
        if (from == CLOSED) {
            assertThat(allowed).isEmpty();
        }
        if (from != RESOLVED) {
            assertThat(allowed).doesNotContain(CLOSED);
        }
    }

    @Property
    void aReopenIsAMoveOutOfResolvedToWork(@ForAll TicketStatus from, @ForAll TicketStatus to) {
        if (lifecycle.allowed(from, RESOLVED_AT, RESOLVED_AT).contains(to)) {
            assertThat(lifecycle.check(from, to, RESOLVED_AT, RESOLVED_AT).reopened())
                    .isEqualTo(from == RESOLVED && EnumSet.of(OPEN, IN_PROGRESS).contains(to));
        }
    }

    /** The window only ever closes: what may be done later may be done earlier. */
    @Property
    void whatIsAllowedLaterIsAllowedEarlier(@ForAll TicketStatus from,
                                           @ForAll @LongRange(min = 0, max = 60L * 24 * 3600) long earlier,
                                           @ForAll @LongRange(min = 0, max = 60L * 24 * 3600) long later) {
        long a = Math.min(earlier, later);
        long b = Math.max(earlier, later);
        assertThat(lifecycle.allowed(from, RESOLVED_AT, RESOLVED_AT.plusSeconds(a)))
                .containsAll(lifecycle.allowed(from, RESOLVED_AT, RESOLVED_AT.plusSeconds(b)));
    }

    /** Any walk through the lifecycle can always still reach CLOSED, via RESOLVED, until it is closed. */
    @Property
    void everyWalkCanStillBeClosed(@ForAll("walks") List<Integer> choices) {
        TicketStatus status = NEW;
        Instant now = RESOLVED_AT;
        Instant resolvedAt = null;
        for (int choice : choices) {
            var allowed = lifecycle.allowed(status, resolvedAt, now).stream().sorted().toList();
            if (allowed.isEmpty()) {
                assertThat(status).isEqualTo(CLOSED);
                return;
            }
            TicketStatus next = allowed.get(choice % allowed.size());
            lifecycle.check(status, next, resolvedAt, now);
            if (next == RESOLVED) {
                resolvedAt = now;
            }
            status = next;
            now = now.plus(Duration.ofDays(choice % 20));
        }
        if (status != CLOSED) {
            assertThat(lifecycle.allowed(status, resolvedAt, now)).contains(status == RESOLVED ? CLOSED : RESOLVED);
        }
    }

    @Provide
    Arbitrary<List<Integer>> walks() {
        return Arbitraries.integers().between(0, 1000).list().ofMinSize(0).ofMaxSize(30);
    }

    @Test
    void shouldDescribeTheWindowAsConfigured() {
        assertThat(TicketLifecycle.describe(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(TicketLifecycle.describe(Duration.ofHours(36))).isEqualTo("36h");
    }
}
