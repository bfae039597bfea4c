package io.tierline.ticket.lifecycle;

import io.tierline.ticket.domain.TicketStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.tierline.ticket.domain.TicketStatus.CLOSED;
import static io.tierline.ticket.domain.TicketStatus.IN_PROGRESS;
import static io.tierline.ticket.domain.TicketStatus.NEW;
import static io.tierline.ticket.domain.TicketStatus.OPEN;
import static io.tierline.ticket.domain.TicketStatus.RESOLVED;
import static io.tierline.ticket.domain.TicketStatus.WAITING_ON_CUSTOMER;

/**
 * Which status may follow which. A ticket is worked (OPEN, IN_PROGRESS, WAITING_ON_CUSTOMER, in any order) until it
 * is RESOLVED; a RESOLVED ticket may be reopened (to OPEN or IN_PROGRESS) within the reopen window, and CLOSED for
 * good. Nothing leaves CLOSED, and nothing returns to NEW: NEW means nobody has looked at it yet.
 */
public final class TicketLifecycle {

    private static final Map<TicketStatus, EnumSet<TicketStatus>> NEXT = new EnumMap<>(TicketStatus.class);

    static {
        NEXT.put(NEW, EnumSet.of(OPEN, IN_PROGRESS, WAITING_ON_CUSTOMER, RESOLVED));
        NEXT.put(OPEN, EnumSet.of(IN_PROGRESS, WAITING_ON_CUSTOMER, RESOLVED));
        NEXT.put(IN_PROGRESS, EnumSet.of(OPEN, WAITING_ON_CUSTOMER, RESOLVED));
        NEXT.put(WAITING_ON_CUSTOMER, EnumSet.of(OPEN, IN_PROGRESS, RESOLVED));
        NEXT.put(RESOLVED, EnumSet.of(OPEN, IN_PROGRESS, CLOSED));
        NEXT.put(CLOSED, EnumSet.noneOf(TicketStatus.class));
    }

    /** A permitted move; {@code reopened} when a RESOLVED ticket is taken up again. */
    public record Transition(TicketStatus from, TicketStatus to, boolean reopened) {
    }

    private final Duration reopenWindow;

    public TicketLifecycle(Duration reopenWindow) {
        if (reopenWindow.isNegative()) {
            throw new IllegalArgumentException("the reopen window cannot be negative: " + reopenWindow);
        }
        this.reopenWindow = reopenWindow;
    }

    public Duration reopenWindow() {
        return reopenWindow;
    }

    /**
     * The statuses a ticket in {@code from} may move to at {@code now}; {@code resolvedAt} is when it was resolved
     * (only read for a RESOLVED ticket: past the window it may only be closed).
     */
    public Set<TicketStatus> allowed(TicketStatus from, Instant resolvedAt, Instant now) {
        Set<TicketStatus> next = EnumSet.copyOf(NEXT.get(Objects.requireNonNull(from)));
        if (from == RESOLVED && !reopenable(resolvedAt, now)) {
            next.retainAll(EnumSet.of(CLOSED));
        }
        return Collections.unmodifiableSet(next);
    }

    /** The move from {@code from} to {@code to}, or a {@link ForbiddenTransition} that names the allowed ones. */
    public Transition check(TicketStatus from, TicketStatus to, Instant resolvedAt, Instant now) {
        Set<TicketStatus> allowed = allowed(from, resolvedAt, now);
        if (!allowed.contains(Objects.requireNonNull(to))) {
            String why = from == RESOLVED && NEXT.get(RESOLVED).contains(to)
                    ? "it was resolved more than " + describe(reopenWindow) + " ago, so it can no longer be reopened"
                    : null;
            throw new ForbiddenTransition(from, to, allowed, why);
        }
        return new Transition(from, to, from == RESOLVED && to != CLOSED);
    }

    private boolean reopenable(Instant resolvedAt, Instant now) {
        // a ticket resolved before its resolution time was recorded is treated as just resolved
        return resolvedAt == null || !now.isAfter(resolvedAt.plus(reopenWindow));
    }

    public static String describe(Duration window) {
        if (window.toDaysPart() > 0 && window.toHoursPart() == 0 && window.toMinutesPart() == 0
                && window.toSecondsPart() == 0) {
            return window.toDays() + (window.toDays() == 1 ? " day" : " days");
        }
        return window.toString().substring(2).toLowerCase();
    }
}
