package io.tierline.escalation.team;

import io.tierline.escalation.domain.AuditedEntity;
import io.tierline.contracts.Tier;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.List;
import java.util.UUID;

/** A support team as stored; callers outside this package see {@link TeamInfo}. */
@Entity
@Table(name = "team")
public class Team extends AuditedEntity {

    /** A slug ({@code core}, {@code payments-l3}): routing rules and routed events name the team by it. */
    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Tier tier;

    @Column(name = "product_area")
    public String productArea;

    /** Person ids, in paging order. */
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] members = new String[0];

    @Column(name = "escalation_policy_id")
    public String escalationPolicyId;

    @Column(name = "schedule_id")
    public UUID scheduleId;

    public List<String> members() {
        return members == null ? List.of() : List.of(members);
    }

    public TeamInfo info() {
        return new TeamInfo(id, name, tier, productArea, members(), escalationPolicyId, scheduleId);
    }
}
