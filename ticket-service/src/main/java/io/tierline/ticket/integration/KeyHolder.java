package io.tierline.ticket.integration;

import java.util.UUID;

/** Who presented a valid integration key: the key, its integration and the customer the integration opens tickets for. */
public record KeyHolder(UUID keyId, UUID integrationId, String integrationName, UUID customerId) {

    /** The name the holder acts under, as a token's principal names a person: {@code integration:<integration id>}. */
    public String principal() {
        return principalOf(integrationId);
    }

    /** The name an integration acts under, whichever way it reports (a key, or an event naming it). */
    public static String principalOf(UUID integrationId) {
        return "integration:" + integrationId;
    }
}
