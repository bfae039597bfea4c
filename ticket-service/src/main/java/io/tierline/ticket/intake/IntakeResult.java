package io.tierline.ticket.intake;

import java.util.UUID;

/** What the intake did with one alert. {@code ticketId} is null when there was no open ticket to update. */
public record IntakeResult(Outcome outcome, UUID ticketId, String dedupKey) {

    public enum Outcome {
        /** A new ticket was opened. */
        OPENED,
        /** The alert fired again; its open ticket counts another occurrence. */
        RECURRED,
        /** The source re-sent a firing already counted (same start): nothing changed. */
        RESENT,
        /** The source acknowledged the alert; recorded on its ticket. */
        ACKNOWLEDGED,
        /** The source resolved the alert; recorded on its ticket. */
        RESOLVED,
        /** An acknowledge or resolve for an alert with no open ticket: nothing to do. */
        IGNORED
    }
}
