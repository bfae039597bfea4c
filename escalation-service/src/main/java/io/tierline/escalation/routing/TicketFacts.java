package io.tierline.escalation.routing;

import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * What routing knows about a ticket. Every field may be missing: a ticket opened before a field existed, or by an
 * integration that does not fill it, must still be routed, so a missing field simply fails every condition that
 * asks about it (and a rule without that condition does not care).
 *
 * <p>{@code tags} never holds null or blank entries (they could not match a tag condition anyway); a null set reads
 * as no tags.
 */
public record TicketFacts(Severity severity, Plan plan, UUID customerId, String component, Set<String> tags,
                          String source, String title, String description) {

    public TicketFacts {
        Set<String> kept = new LinkedHashSet<>();
        if (tags != null) {
            tags.stream().filter(tag -> tag != null && !tag.isBlank()).forEach(kept::add);
        }
        tags = Collections.unmodifiableSet(kept);
    }

    /** A ticket known only by severity and plan: what configuration-based routing has always looked at. */
    public static TicketFacts of(Severity severity, Plan plan) {
        return new TicketFacts(severity, plan, null, null, Set.of(), null, null, null);
    }

    /**
     * The text a text condition searches: title and description joined by a newline, cut to the first
     * {@link RoutingRules#MAX_TEXT_LENGTH} characters so that one huge description (a pasted log) cannot make
     * every rule evaluation slow. Never null.
     */
    public String text() {
        String joined;
        if (title == null || title.isEmpty()) {
            joined = description == null ? "" : description;
        } else {
            joined = description == null || description.isEmpty() ? title : title + "\n" + description;
        }
        if (joined.length() <= RoutingRules.MAX_TEXT_LENGTH) {
            return joined;
        }
        int end = RoutingRules.MAX_TEXT_LENGTH;
        if (Character.isHighSurrogate(joined.charAt(end - 1))) {
            end--; // do not cut a character in half
        }
        return joined.substring(0, end);
    }
}
