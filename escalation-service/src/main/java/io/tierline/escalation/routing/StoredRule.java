package io.tierline.escalation.routing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.UUID;

/** A routing rule as stored: its conditions and action are the JSON documents of {@link RuleInput}. */
@Entity
@Table(name = "routing_rule")
public class StoredRule extends PanacheEntityBase {

    @Id
    public UUID id;

    /** 1 is tried first. */
    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String name;

    /** {@link RuleConditions} as JSON. */
    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(conditions as text)", write = "cast(cast(? as text) as jsonb)")
    public String conditions;

    /** {@link RuleAction} as JSON. */
    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(action as text)", write = "cast(cast(? as text) as jsonb)")
    public String action;

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
