package io.tierline.escalation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.UUID;

/**
 * An on-call schedule as stored: its name and zone in columns, its layers and overrides as the JSON document the API
 * takes ({@link io.tierline.escalation.mapping.ScheduleDocument}). Named apart from the engine's
 * {@link io.tierline.escalation.schedule.Schedule}, which is built from it.
 */
@Entity
@Table(name = "schedule")
public class StoredSchedule extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    /** An IANA zone id such as {@code Europe/Berlin}, as the administrator wrote it. */
    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    /** jsonb, read and written as text so that the JSON is (de)serialized in one place, with the API's mapper. */
    // bound as text first: the PostgreSQL client would send a String bound to jsonb as a JSON string literal
    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(read = "document::text", write = "cast(cast(? as text) as jsonb)")
    public String document;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
