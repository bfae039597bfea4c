package io.tierline.ticket.domain;

/** A ticket's lifecycle; transitions are checked by {@link Ticket}. */
public enum TicketStatus {
    NEW, OPEN, IN_PROGRESS, WAITING_ON_CUSTOMER, RESOLVED, CLOSED
}
