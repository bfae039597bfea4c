package io.tierline.ticket.service;

import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.events.PageAcknowledged;
import io.tierline.contracts.events.PageDelivered;
import io.tierline.contracts.events.PageFailed;
import io.tierline.contracts.events.Responder;
import io.tierline.contracts.events.SlaBreached;
import io.tierline.contracts.events.SlaMet;
import io.tierline.contracts.events.SlaWarning;
import io.tierline.contracts.events.TicketAlertUpdated;
import io.tierline.contracts.events.PageRequested;
import io.tierline.contracts.events.TicketArticleLinked;
import io.tierline.contracts.events.TicketAttachmentAdded;
import io.tierline.contracts.events.TicketCommented;
import io.tierline.contracts.events.TicketEscalationRequested;
import io.tierline.contracts.events.TicketEvent;
import io.tierline.contracts.events.TicketOpened;
import io.tierline.contracts.events.TicketProblemLinked;
import io.tierline.contracts.events.TicketAssigned;
import io.tierline.contracts.events.TicketRouted;
import io.tierline.contracts.events.TicketSeverityChanged;
import io.tierline.contracts.events.TicketStatusChanged;
import io.tierline.contracts.events.TicketTierChanged;
import io.tierline.contracts.events.TicketUpdated;
import io.tierline.platform.input.StorableText;

import java.util.Objects;
import java.util.stream.Collectors;

/** One line a support engineer reads in a ticket's timeline, for each event type. */
public final class TimelineSummaries {

    public static String describe(CloudEvent event) {
        return describe(event.type(), event.payload(TicketEvent.class));
    }

    static String describe(String type, TicketEvent payload) {
        if (payload instanceof TicketOpened e) {
            return "Opened " + e.severity() + " ticket via " + e.source() + ": " + e.title();
        }
        if (payload instanceof TicketCommented e) {
            String relayed = e.postedBy() == null || e.postedBy().equals(e.author()) ? ""
                    : " (posted by " + e.postedBy() + ")";
            return (e.visibility().equals("PUBLIC") ? "Public reply" : "Internal note")
                    + " by " + e.authorType().toLowerCase() + " " + e.author() + relayed;
        }
        if (payload instanceof TicketAlertUpdated e) {
            return switch (e.action()) {
                case "TRIGGER" -> "Alert fired again via " + e.source() + " (" + e.occurrences() + " occurrences)";
                case "ACKNOWLEDGE" -> "Alert acknowledged at the source (" + e.source() + ")";
                case "RESOLVE" -> "Alert resolved at the source (" + e.source() + "); the ticket stays open";
                default -> "Alert update via " + e.source() + ": " + e.action();
            };
        }
        if (payload instanceof TicketStatusChanged e) {
            String move = e.reopened() ? "Reopened (" + e.to() + ")" : "Status " + e.from() + " → " + e.to();
            return move + " by " + e.by() + (e.reason() == null ? "" : ": " + StorableText.cut(e.reason(), 200))
                    + (e.resolutionNote() == null ? "" : "; resolution: " + StorableText.cut(e.resolutionNote(), 200));
        }
        if (payload instanceof TicketSeverityChanged e) {
            return "Severity " + e.from() + " → " + e.to() + " by " + e.by();
        }
        if (payload instanceof TicketAssigned e) {
            String who = e.assignee() == null ? "unassigned" : "assigned to " + e.assignee();
            String team = Objects.equals(e.team(), e.previousTeam()) ? "" : "; team " + (e.team() == null ? "none" : e.team());
            return (who.substring(0, 1).toUpperCase() + who.substring(1)) + team + " by " + e.by();
        }
        if (payload instanceof TicketUpdated e) {
            return "Edited " + String.join(", ", e.fields()) + " by " + e.by();
        }
        if (payload instanceof TicketProblemLinked e) {
            return (e.problemId() == null ? "Unlinked from problem ticket " + e.previousProblemId()
                    : "Linked to problem ticket " + e.problemId()) + " by " + e.by();
        }
        if (payload instanceof TicketEscalationRequested e) {
            return "Escalation to " + e.toTier() + " requested by " + e.requestedBy() + ": "
                    + StorableText.cut(e.reason(), 200)
                    + (e.reproduction() == null ? "" : " (with a reproduction package)");
        }
        if (payload instanceof TicketArticleLinked e) {
            return "Article linked by " + e.by() + ": " + StorableText.cut(e.title(), 200);
        }
        if (payload instanceof TicketAttachmentAdded e) {
            return (e.commentId() == null ? "File attached" : "File attached to comment " + e.commentId()) + " by "
                    + e.by() + ": " + StorableText.cut(e.filename(), 200) + " (" + e.contentType() + ", "
                    + e.sizeBytes() + " bytes" + (e.customerVisible() ? "" : ", staff only") + ")";
        }
        if (payload instanceof TicketTierChanged e) {
            return "Moved to " + e.toTier() + (e.fromTier() == null ? "" : " from " + e.fromTier()) + ", team " + e.team()
                    + "; on call: " + (e.responders().isEmpty() ? "nobody"
                    : e.responders().stream().map(Responder::id).collect(Collectors.joining(", ")));
        }
        if (payload instanceof PageRequested e) {
            return "Paging " + (e.responders().isEmpty() ? "nobody"
                    : e.responders().stream().map(Responder::id).collect(Collectors.joining(", ")))
                    + " (" + e.tier() + ", level " + e.level() + (e.repeat() > 0 ? ", round " + (e.repeat() + 1) : "")
                    + ", " + e.cause().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")"
                    + (e.reason() == null ? "" : ": " + StorableText.cut(e.reason(), 200));
        }
        if (payload instanceof TicketRouted e) {
            return "Routed to " + e.tier() + " team " + e.team()
                    + (e.rule() != null ? " (rule " + e.rule() + ")" : "")
                    + "; on call: " + (e.responders().isEmpty() ? "nobody"
                    : e.responders().stream().map(Responder::id).collect(Collectors.joining(", ")));
        }
        if (payload instanceof SlaWarning e) {
            return "SLA warning: " + clock(e.clock().name()) + " at " + e.thresholdPercent()
                    + "% of its target, due " + e.dueAt() + (e.late() ? " (announced late)" : "");
        }
        if (payload instanceof SlaBreached e) {
            return "SLA breached: " + clock(e.clock().name()) + " was due " + e.dueAt()
                    + (e.late() ? " (announced late, at " + e.announcedAt() + ")" : "");
        }
        if (payload instanceof SlaMet e) {
            return "SLA met: " + clock(e.clock().name()) + " at " + e.metAt() + ", due " + e.dueAt();
        }
        if (payload instanceof PageDelivered e) {
            return "Paged " + e.responderId() + " via " + e.channel().toLowerCase()
                    + " (attempt " + e.attempt() + ") for " + e.cause();
        }
        if (payload instanceof PageFailed e) {
            return "Page to " + e.responderId() + " failed after " + e.attempts() + " attempts: " + e.reason();
        }
        if (payload instanceof PageAcknowledged e) {
            String page = e.acknowledgedBy().equals(e.responderId()) ? "Page" : "Page to " + e.responderId();
            return page + " acknowledged by " + e.acknowledgedBy() + " (" + e.cause() + ")";
        }
        return type;
    }

    private static String clock(String kind) {
        return kind.toLowerCase().replace('_', ' ');
    }

    private TimelineSummaries() {
    }
}
