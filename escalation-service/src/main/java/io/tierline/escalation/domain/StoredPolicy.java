package io.tierline.escalation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;

/**
 * An escalation policy as stored: its slug and name in columns, levels, repeats, urgency, ack timeouts and tier moves
 * as the JSON document the API takes ({@link io.tierline.escalation.mapping.PolicyDocument}).
 */
@Entity
@Table(name = "escalation_policy")
public class StoredPolicy extends PanacheEntityBase {

    /** A slug chosen by the administrator, such as {@code core-default}. */
    @Id
    public String id;

    @Column(nullable = false)
    public String name;

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
