package io.tierline.ticket.lifecycle;

import io.tierline.ticket.domain.TicketStatus;

import java.util.Set;
import java.util.stream.Collectors;

/** A status change the lifecycle does not permit; it names the statuses the ticket may move to instead. */
public class ForbiddenTransition extends RuntimeException {

    private final TicketStatus from;
    private final TicketStatus to;
    private final Set<TicketStatus> allowed;

    ForbiddenTransition(TicketStatus from, TicketStatus to, Set<TicketStatus> allowed, String why) {
        super(message(from, to, allowed, why));
        this.from = from;
        this.to = to;
        this.allowed = Set.copyOf(allowed);
    }

    public TicketStatus from() {
        return from;
    }

    public TicketStatus to() {
        return to;
    }

    public Set<TicketStatus> allowed() {
        return allowed;
    }

    private static String message(TicketStatus from, TicketStatus to, Set<TicketStatus> allowed, String why) {
        String next = allowed.isEmpty() ? "it cannot move to any other status"
                : "it may move to " + allowed.stream().sorted().map(Enum::name).collect(Collectors.joining(", "));
        return "A ticket that is " + from + " cannot move to " + to + (why == null ? "" : ": " + why) + "; " + next;
    }
}
