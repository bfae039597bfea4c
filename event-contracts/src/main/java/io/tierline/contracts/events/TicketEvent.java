package io.tierline.contracts.events;

import java.util.UUID;

/** An event about one ticket: the ticket's id is its subject and key. */
public interface TicketEvent extends Event {

    UUID ticketId();

    @Override
    default String subject() {
        return ticketId().toString();
    }
}
