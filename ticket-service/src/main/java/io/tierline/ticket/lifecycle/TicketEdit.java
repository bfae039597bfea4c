package io.tierline.ticket.lifecycle;

import io.tierline.contracts.events.TicketAssigned;
import io.tierline.contracts.events.TicketEvent;
import io.tierline.contracts.events.TicketProblemLinked;
import io.tierline.contracts.events.TicketSeverityChanged;
import io.tierline.contracts.events.TicketStatusChanged;
import io.tierline.contracts.events.TicketUpdated;
import io.tierline.platform.input.StorableText;
import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;
import io.tierline.ticket.domain.Ticket;
import io.tierline.ticket.domain.TicketStatus;
import io.tierline.platform.rest.MergePatch.Change;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies a {@link TicketPatch} to a ticket: checks it against the lifecycle, changes the ticket and answers the
 * events that say what changed, in the order consumers should see them (descriptive fields, severity, assignment,
 * and the status last, so a consumer reacting to it sees everything else already). A patch that changes nothing
 * answers no event. Plain Java: the caller loads, locks and saves.
 */
public final class TicketEdit {

    private final TicketLifecycle lifecycle;

    public TicketEdit(TicketLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    public List<TicketEvent> apply(Ticket ticket, TicketPatch patch, String by, Instant now) {
        if (ticket.status == TicketStatus.CLOSED && !patch.isEmpty()) {
            throw new ProblemException(Problem.of(409, "ticket-closed", "Ticket is closed",
                    "A CLOSED ticket cannot be changed; open a new ticket", List.of()));
        }
        TicketStatus to = patch.status() == null ? ticket.status : patch.status().value();
        boolean statusChanges = to != ticket.status;
        TicketLifecycle.Transition transition = null;
        if (statusChanges) {
            try {
                transition = lifecycle.check(ticket.status, to, ticket.resolvedAt, now);
            } catch (ForbiddenTransition e) {
                throw new ProblemException(Problem.of(409, "forbidden-transition", "Status change not allowed",
                        e.getMessage(), List.of(new Problem.FieldError("status", "allowed: " + names(e)))));
            }
        }
        checkNotes(patch, to, statusChanges);

        List<TicketEvent> events = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        ticket.title = set(patch.title(), ticket.title, "title", updated);
        ticket.description = set(patch.description(), ticket.description, "description", updated);
        ticket.component = set(patch.component(), ticket.component, "component", updated);
        ticket.environment = set(patch.environment(), ticket.environment, "environment", updated);
        ticket.productVersion = set(patch.productVersion(), ticket.productVersion, "productVersion", updated);
        if (patch.tags() != null && !Arrays.asList(ticket.tags()).equals(patch.tags().value())) {
            ticket.tags = patch.tags().value().toArray(String[]::new);
            updated.add("tags");
        }
        if (!statusChanges && ticket.status == TicketStatus.RESOLVED) {
            ticket.resolutionNote = set(patch.resolutionNote(), ticket.resolutionNote, "resolutionNote", updated);
        }
        if (!updated.isEmpty()) {
            events.add(new TicketUpdated(ticket.id, updated, by, now));
        }

        if (patch.severity() != null && patch.severity().value() != ticket.severity) {
            events.add(new TicketSeverityChanged(ticket.id, ticket.severity, patch.severity().value(), by, now));
            ticket.severity = patch.severity().value();
        }

        String assignee = patch.assignee() == null ? ticket.assignee : patch.assignee().value();
        String team = patch.team() == null ? ticket.team : patch.team().value();
        if (!Objects.equals(assignee, ticket.assignee) || !Objects.equals(team, ticket.team)) {
            events.add(new TicketAssigned(ticket.id, assignee, team, ticket.assignee, ticket.team, by, now));
            ticket.assignee = assignee;
            ticket.team = team;
        }

        if (patch.problemId() != null && !Objects.equals(patch.problemId().value(), ticket.problemId)) {
            events.add(new TicketProblemLinked(ticket.id, patch.problemId().value(), ticket.problemId, by, now));
            ticket.problemId = patch.problemId().value();
        }

        if (statusChanges) {
            String reason = patch.statusReason() == null ? null : patch.statusReason().value();
            String note = to == TicketStatus.RESOLVED ? patch.resolutionNote().value() : null;
            events.add(move(ticket, transition, reason, note, by, now));
        }
        if (!events.isEmpty()) {
            ticket.updatedAt = now;
        }
        return List.copyOf(events);
    }

    /**
     * A customer replied publicly: a ticket that waited on them, or that was resolved within the reopen window, is
     * OPEN again (a reply to one resolved longer ago is a 409: it belongs in a new ticket).
     */
    public Optional<TicketStatusChanged> customerReplied(Ticket ticket, String by, Instant now) {
        if (ticket.status != TicketStatus.WAITING_ON_CUSTOMER && ticket.status != TicketStatus.RESOLVED) {
            return Optional.empty();
        }
        TicketLifecycle.Transition transition;
        try {
            transition = lifecycle.check(ticket.status, TicketStatus.OPEN, ticket.resolvedAt, now);
        } catch (ForbiddenTransition e) {
            throw new ProblemException(Problem.of(409, "ticket-resolved", "Ticket resolved too long ago",
                    "This ticket was resolved more than " + TicketLifecycle.describe(lifecycle.reopenWindow())
                            + " ago and can no longer be reopened; open a new ticket", List.of()));
        }
        TicketStatusChanged changed = move(ticket, transition, "the customer replied", null, by, now);
        ticket.updatedAt = now;
        return Optional.of(changed);
    }

    /**
     * Resolves a ticket because the problem ticket it is linked to was resolved: its resolution note says so and
     * carries the problem's fix.
     */
    public TicketStatusChanged resolveWithProblem(Ticket ticket, Ticket problem, String by, Instant now) {
        TicketLifecycle.Transition transition = lifecycle.check(ticket.status, TicketStatus.RESOLVED,
                ticket.resolvedAt, now);
        String note = StorableText.cut("Resolved with problem ticket " + problem.id + ": " + problem.resolutionNote,
                20000);
        TicketStatusChanged changed = move(ticket, transition, "its problem ticket was resolved", note, by, now);
        ticket.updatedAt = now;
        return changed;
    }

    private static TicketStatusChanged move(Ticket ticket, TicketLifecycle.Transition transition, String reason,
                                            String note, String by, Instant now) {
        TicketStatus to = transition.to();
        TicketStatusChanged changed = new TicketStatusChanged(ticket.id, ticket.status.name(), to.name(), by, reason,
                note, transition.reopened(), now);
        ticket.status = to;
        ticket.statusReason = reason;
        switch (to) {
            case RESOLVED -> {
                ticket.resolvedAt = now;
                ticket.resolutionNote = note;
            }
            case CLOSED -> ticket.closedAt = now;
            default -> {
                if (transition.reopened()) {
                    ticket.resolvedAt = null;
                    ticket.resolutionNote = null;
                }
            }
        }
        return changed;
    }

    /** A move to RESOLVED needs a resolution note, only a RESOLVED ticket has one, and a reason explains a move. */
    private static void checkNotes(TicketPatch patch, TicketStatus to, boolean statusChanges) {
        List<Problem.FieldError> errors = new ArrayList<>();
        boolean hasNote = patch.resolutionNote() != null && patch.resolutionNote().value() != null;
        if (to != TicketStatus.RESOLVED) {
            if (patch.resolutionNote() != null) {
                errors.add(new Problem.FieldError("resolutionNote", "only a RESOLVED ticket has one"));
            }
        } else if (statusChanges && !hasNote) {
            errors.add(new Problem.FieldError("resolutionNote", "is required to resolve a ticket: how was it resolved?"));
        } else if (patch.resolutionNote() != null && !hasNote) {
            errors.add(new Problem.FieldError("resolutionNote", "cannot be removed from a RESOLVED ticket"));
        }
        if (patch.statusReason() != null && patch.status() == null) {
            errors.add(new Problem.FieldError("statusReason", "goes with a change of status"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("invalid-ticket-change", "Invalid ticket change",
                    String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList()), errors);
        }
    }

    private static String set(Change<String> change, String current, String field, List<String> updated) {
        if (change == null || Objects.equals(change.value(), current)) {
            return current;
        }
        updated.add(field);
        return change.value();
    }

    private static String names(ForbiddenTransition e) {
        return e.allowed().isEmpty() ? "none"
                : String.join(", ", e.allowed().stream().sorted().map(Enum::name).toList());
    }
}
