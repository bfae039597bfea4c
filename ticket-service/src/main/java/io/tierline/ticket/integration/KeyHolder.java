package io.tierline.ticket.integration;

import java.util.UUID;

/** Who presented a valid integration key: the key, its integration and the customer the integration opens tickets for. */
public record KeyHolder(UUID keyId, UUID integrationId, String integrationName, UUID customerId) {
}
