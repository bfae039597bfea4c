package io.tierline.escalation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * What every piece of configuration an administrator writes keeps (teams, routing rules, schedules, policies): who
 * created and last changed it and when, and a version for If-Match.
 */
@MappedSuperclass
public abstract class AuditedEntity extends PanacheEntityBase {

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
