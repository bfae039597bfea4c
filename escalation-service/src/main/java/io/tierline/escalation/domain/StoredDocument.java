package io.tierline.escalation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import org.hibernate.annotations.ColumnTransformer;

/**
 * What schedules and escalation policies are kept as: a name, the JSON document the API takes (in a jsonb column,
 * read and written as text so it is (de)serialized in one place, with the API's mapper), who wrote it and when, and a
 * version for If-Match.
 */
@MappedSuperclass
public abstract class StoredDocument extends AuditedEntity {

    @Column(nullable = false)
    public String name;

    // bound as text first: the PostgreSQL client would send a String bound to jsonb as a JSON string literal
    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(read = "document::text", write = "cast(cast(? as text) as jsonb)")
    public String document;
}
