package io.tierline.escalation.schedule;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Name;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.validate.ValidationException;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A schedule's shifts as an RFC 5545 calendar that people can subscribe to: one event per shift somebody is on call
 * for, in UTC so that no calendar client has to know the schedule's zone.
 *
 * <p>An event's UID is derived from the schedule id, the shift's start and the person, so re-rendering the same
 * shifts gives the same UIDs and a subscribed client updates events in place instead of duplicating them; a changed
 * shift gets a new UID and the old one disappears from the feed.
 *
 * <p>The calendar has no METHOD: it is a feed to subscribe to, not an iTIP message (METHOD:PUBLISH would make
 * ORGANIZER mandatory on every event). It is written without ical4j's validation so that a range with nobody on call
 * still renders, as a calendar without events, which clients accept although RFC 5545 asks for at least one
 * component; every other rendering is valid, as the tests check.
 */
public final class ScheduleCalendar {

    static final String PRODUCT_ID = "-//Tierline//On-call schedules//EN";

    private ScheduleCalendar() {
    }

    /**
     * @param scheduleId   stable id of the schedule, part of every event's UID
     * @param scheduleName the calendar's display name
     * @param shifts       the shifts to publish; those with nobody on call are left out
     * @param generatedAt  the DTSTAMP of every event: when this rendering of the schedule was made
     * @return the calendar as iCalendar text (CRLF line endings, folded lines)
     */
    public static String render(String scheduleId, String scheduleName, List<Shift> shifts, Instant generatedAt) {
        Objects.requireNonNull(scheduleId, "scheduleId");
        Objects.requireNonNull(scheduleName, "scheduleName");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Calendar calendar = new Calendar()
                .withProdId(PRODUCT_ID)
                .withDefaults()
                .withProperty(new Name(scheduleName))
                .withProperty(new XProperty("X-WR-CALNAME", scheduleName))
                .getFluentTarget();
        for (Shift shift : shifts) {
            shift.person().ifPresent(person -> calendar.add(event(scheduleId, shift, person, generatedAt)));
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ValidationException e) {
            throw new IllegalStateException("ical4j validated a calendar it was told not to validate", e);
        }
        return out.toString();
    }

    private static VEvent event(String scheduleId, Shift shift, String person, Instant generatedAt) {
        VEvent event = new VEvent(shift.start(), shift.end(), "On call: " + person);
        event.replace(new DtStamp(generatedAt));
        event.replace(new Uid(uid(scheduleId, shift.start(), person)));
        return event;
    }

    static String uid(String scheduleId, Instant start, String person) {
        String key = scheduleId + '\n' + start + '\n' + person;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)) + "@tierline";
    }
}
