package io.tierline.escalation.routing;

import io.tierline.escalation.domain.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.util.UUID;

/** A routing rule as stored: its conditions and action are the JSON documents of {@link RuleInput}. */
@Entity
@Table(name = "routing_rule")
public class StoredRule extends AuditedEntity {

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
}
