package io.tierline.escalation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/**
 * An on-call schedule as stored: its name and zone in columns, its layers and overrides as the JSON document the API
 * takes ({@link io.tierline.escalation.mapping.ScheduleDocument}). Named apart from the engine's
 * {@link io.tierline.escalation.schedule.Schedule}, which is built from it.
 */
@Entity
@Table(name = "schedule")
public class StoredSchedule extends StoredDocument {

    @Id
    public UUID id;

    /** An IANA zone id such as {@code Europe/Berlin}, as the administrator wrote it. */
    @Column(name = "time_zone", nullable = false)
    public String timeZone;
}
