package io.tierline.contracts;

/** CloudEvents {@code ce_type} values. */
public final class EventTypes {
    public static final String TICKET_OPENED = "tierline.ticket.opened";
    public static final String TICKET_COMMENTED = "tierline.ticket.commented";
    public static final String TICKET_ALERT_UPDATED = "tierline.ticket.alert-updated";
    public static final String TICKET_STATUS_CHANGED = "tierline.ticket.status-changed";
    public static final String TICKET_SEVERITY_CHANGED = "tierline.ticket.severity-changed";
    public static final String TICKET_ASSIGNED = "tierline.ticket.assigned";
    public static final String TICKET_UPDATED = "tierline.ticket.updated";
    public static final String TICKET_ESCALATION_REQUESTED = "tierline.ticket.escalation-requested";
    public static final String TICKET_PROBLEM_LINKED = "tierline.ticket.problem-linked";
    public static final String TICKET_ARTICLE_LINKED = "tierline.ticket.article-linked";
    public static final String TICKET_ATTACHMENT_ADDED = "tierline.ticket.attachment-added";
    public static final String TICKET_ROUTED = "tierline.escalation.routed";
    public static final String TICKET_TIER_CHANGED = "tierline.escalation.tier-changed";
    public static final String PAGE_REQUESTED = "tierline.escalation.page-requested";
    public static final String SLA_WARNING = "tierline.sla.warning";
    public static final String SLA_BREACHED = "tierline.sla.breached";
    public static final String SLA_MET = "tierline.sla.met";
    public static final String PAGE_DELIVERED = "tierline.page.delivered";
    public static final String PAGE_FAILED = "tierline.page.failed";
    public static final String PAGE_ACKNOWLEDGED = "tierline.page.acknowledged";
    public static final String CONTACT_METHODS_CHANGED = "tierline.person.contact-methods-changed";
    /** Inbound: another system reports an incident (on {@link Topics#INCIDENT_EVENTS}). */
    public static final String INCIDENT_REPORTED = "tierline.incident.reported";

    private EventTypes() {
    }
}
