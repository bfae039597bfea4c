package io.tierline.escalation.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An escalation policy as stored: its slug and name in columns, levels, repeats, urgency, ack timeouts and tier moves
 * as the JSON document the API takes ({@link io.tierline.escalation.mapping.PolicyDocument}).
 */
@Entity
@Table(name = "escalation_policy")
public class StoredPolicy extends StoredDocument {

    /** A slug chosen by the administrator, such as {@code core-default}. */
    @Id
    public String id;
}
