package io.tierline.escalation.policy;

import io.tierline.contracts.Tier;

import java.util.UUID;

/**
 * What makes a page to a person unique. A run pages each key at most once, so a redelivered event or timer pages
 * nobody twice, while every new position of the climb (tier, repeat, level) pages its people again.
 *
 * <p>{@code occurrence} is 0 for every cause but {@link Cause#ACK_TIMEOUT}, where it numbers the lapses of the run
 * (1, 2, ...): a responder who acknowledges and then goes quiet again is reminded again, once per lapse.
 *
 * <p>Use {@link #asString()} as an idempotency key downstream (notification-service).
 */
public record PageKey(UUID ticketId, String personId, Tier tier, int repeat, int level, Cause cause, int occurrence) {

    public String asString() {
        return ticketId + "/" + tier + "/r" + repeat + "/l" + level + "/" + cause + "/" + occurrence + "/" + personId;
    }
}
