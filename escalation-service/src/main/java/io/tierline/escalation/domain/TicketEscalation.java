package io.tierline.escalation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Tier;
import io.tierline.contracts.events.Responder;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The escalation state of one ticket: where routing sent it and who was on call then. */
@Entity
@Table(name = "ticket_escalation")
public class TicketEscalation extends PanacheEntityBase {

    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;

    /** Severity and plan as the ticket was opened with: the inputs of the routing decision. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Plan plan;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Tier tier;

    @Column(nullable = false)
    public String team;

    /** The routing rule that decided, or {@code default}. */
    @Column(nullable = false)
    public String rule;

    @Convert(converter = RespondersJson.class)
    @Column(nullable = false)
    public List<Responder> responders;

    /** The escalation policy the ticket's escalation follows; null when its team has none. */
    @Column(name = "policy_id")
    public String policyId;

    /** Where the escalation stands ({@code io.tierline.escalation.run.RunState} as JSON); null without a policy. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String run;

    @Column(name = "routed_at", nullable = false)
    public Instant routedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
