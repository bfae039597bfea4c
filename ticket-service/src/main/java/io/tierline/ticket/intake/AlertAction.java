package io.tierline.ticket.intake;

/** What a monitoring source says about an alert. */
public enum AlertAction {
    /** The alert fires: open a ticket, or count another occurrence on the open one with the same dedup key. */
    TRIGGER,
    /** The source acknowledged the alert on its side. */
    ACKNOWLEDGE,
    /** The source says the alert is over. The ticket stays open until a person resolves it. */
    RESOLVE
}
