package io.tierline.platform.idempotency;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A caller's use of an {@code Idempotency-Key}: the request it was sent with, and once answered, the answer. */
@Entity
@Table(name = "idempotency_key")
public class IdempotencyRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String caller;

    @Column(name = "idem_key", nullable = false)
    public String key;

    /** SHA-256 of the method, target and body of the request first sent with the key (hex). */
    @Column(nullable = false)
    public String fingerprint;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Null while the request is still being processed. */
    @Column(name = "completed_at")
    public Instant completedAt;

    public Integer status;

    @Column(name = "content_type")
    public String contentType;

    public String location;

    public String etag;

    public byte[] body;

    /** The answer was marked {@code Cache-Control: no-store}: its body is not kept. */
    @Column(name = "answer_withheld", nullable = false)
    public boolean answerWithheld;
}
