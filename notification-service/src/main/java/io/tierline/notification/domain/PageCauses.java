package io.tierline.notification.domain;

import io.tierline.contracts.SlaClockKind;

import java.util.Locale;
import java.util.UUID;

/**
 * Names of page causes, {@code KIND:DETAIL} (e.g. {@code SLA_BREACHED:FIRST_RESPONSE}), and the one-line text a
 * person reads in the page.
 */
public final class PageCauses {

    public static final String SLA_BREACHED = "SLA_BREACHED";

    public static final String ESCALATION = "ESCALATION";

    public static String slaBreached(SlaClockKind clock) {
        return SLA_BREACHED + ":" + clock.name();
    }

    /** The cause of a page escalation-service requested: its page key (tier, round, level, why). */
    public static String escalation(String pageKey) {
        return ESCALATION + ":" + pageKey;
    }

    /** "SLA breached: first response for ticket 42…"; unknown kinds read as their words. */
    public static String title(String cause, UUID ticketId) {
        int colon = cause.indexOf(':');
        String kind = colon < 0 ? cause : cause.substring(0, colon);
        String detail = colon < 0 ? "" : words(cause.substring(colon + 1));
        if (ESCALATION.equals(kind)) {
            return "Escalation " + escalationWords(cause.substring(colon + 1)) + " for ticket " + ticketId;
        }
        String what = SLA_BREACHED.equals(kind) ? "SLA breached" : capitalized(words(kind));
        return what + (detail.isEmpty() ? "" : ": " + detail) + " for ticket " + ticketId;
    }

    /** "L2/r0/l1/CLIMB/0" as "L2 level 1: climb"; a key of another shape as it is. */
    private static String escalationWords(String pageKey) {
        String[] parts = pageKey.split("/");
        if (parts.length < 4 || !parts[1].startsWith("r") || !parts[2].startsWith("l")) {
            return pageKey;
        }
        int round;
        try {
            round = Integer.parseInt(parts[1].substring(1)) + 1;
        } catch (NumberFormatException e) {
            return pageKey;
        }
        return parts[0] + " level " + parts[2].substring(1) + (round > 1 ? " (round " + round + ")" : "") + ": "
                + words(parts[3]);
    }

    private static String words(String constant) {
        return constant.replace('_', ' ').toLowerCase(Locale.ROOT).trim();
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private PageCauses() {
    }
}
