package io.tierline.contracts.events;

import io.tierline.contracts.Severity;

import java.util.UUID;

/**
 * {@code tierline.incident.reported}, inbound on {@code tierline.incident-events}: another system reports an incident,
 * as it would with {@code POST /api/v1/incidents} and the integration's key. It concerns no ticket yet (so it is no
 * {@link TicketEvent}): ticket-service opens one, or updates the open one with the same dedup key. The record key is
 * the dedup key; {@code ce_subject} may be left out.
 *
 * @param integrationId the integration ({@code POST /api/v1/integrations}) reporting it: the incident belongs to its
 *                      customer, and an unknown or revoked one is refused
 * @param dedupKey      names the alert: while its ticket is open, the same key updates it (required to acknowledge or
 *                      resolve)
 * @param action        {@code TRIGGER} (when absent), {@code ACKNOWLEDGE} or {@code RESOLVE}
 */
public record IncidentReported(UUID integrationId, Severity severity, String title, String description,
                               String dedupKey, String action) {
}
