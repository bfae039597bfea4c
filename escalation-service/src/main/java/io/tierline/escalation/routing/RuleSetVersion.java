package io.tierline.escalation.routing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;

/** The whole ordered rule set as it was after one change; never updated. */
@Entity
@Table(name = "routing_rule_set_version")
public class RuleSetVersion extends PanacheEntityBase {

    /** 1, 2, ...: one per change. */
    @Id
    public long version;

    /** A JSON array of {@link RoutingRuleStore.SetRule}, in the order they are tried. */
    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(rules as text)", write = "cast(cast(? as text) as jsonb)")
    public String rules;

    /** What changed, in words: {@code created rule 'x' at position 2}. */
    @Column(nullable = false)
    public String change;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
}
