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

    public static String slaBreached(SlaClockKind clock) {
        return SLA_BREACHED + ":" + clock.name();
    }

    /** "SLA breached: first response for ticket 42…"; unknown kinds read as their words. */
    public static String title(String cause, UUID ticketId) {
        int colon = cause.indexOf(':');
        String kind = colon < 0 ? cause : cause.substring(0, colon);
        String detail = colon < 0 ? "" : words(cause.substring(colon + 1));
        String what = SLA_BREACHED.equals(kind) ? "SLA breached" : capitalized(words(kind));
        return what + (detail.isEmpty() ? "" : ": " + detail) + " for ticket " + ticketId;
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
