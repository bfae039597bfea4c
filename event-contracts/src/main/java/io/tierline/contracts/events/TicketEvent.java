package io.tierline.contracts.events;

import java.util.UUID;

/** Every lifecycle event concerns one ticket; its id is the Kafka key and the CloudEvents subject. */
public interface TicketEvent {
    UUID ticketId();
}
