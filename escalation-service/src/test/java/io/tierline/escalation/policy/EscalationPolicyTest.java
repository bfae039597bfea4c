package io.tierline.escalation.policy;

import io.tierline.contracts.Severity;
import io.tierline.contracts.SlaClockKind;
import io.tierline.contracts.Tier;
import io.tierline.escalation.policy.Target.PersonTarget;
import io.tierline.escalation.policy.Target.ScheduleTarget;
import io.tierline.escalation.policy.Target.TeamTarget;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EscalationPolicyTest {

    private static final Level OK = Level.of(Duration.ofMinutes(5), new ScheduleTarget("primary"));

    @Test
    void shouldAcceptAValidPolicy() {
        EscalationPolicy policy = new EscalationPolicy("p", "Primary", List.of(OK,
                Level.of(Duration.ofMinutes(1), new PersonTarget("ana"), new TeamTarget("core"))), 10,
                Map.of(Severity.SEV3, Urgency.PAGE_AT_ONCE), Map.of(Severity.SEV1, Duration.ofMinutes(30)),
                List.of(new TierMoveRule(SlaClockKind.FIRST_RESPONSE, SlaAlert.WARNING, Tier.L1, Tier.L2)));

        assertThat(policy.validate()).isEmpty();
        assertThat(policy.urgencyOf(Severity.SEV1)).isEqualTo(Urgency.PAGE_AT_ONCE);
        assertThat(policy.urgencyOf(Severity.SEV3)).isEqualTo(Urgency.PAGE_AT_ONCE);
        assertThat(policy.urgencyOf(Severity.SEV4)).isEqualTo(Urgency.ON_SLA_ONLY);
        assertThat(policy.ackTimeoutOf(Severity.SEV2)).isEmpty();
    }

    @Test
    void shouldDefaultToPagingSev1AndSev2AtOnce() {
        EscalationPolicy policy = new EscalationPolicy("p", "Primary", List.of(OK), 0);

        assertThat(policy.urgency()).containsExactlyInAnyOrderEntriesOf(Map.of(
                Severity.SEV1, Urgency.PAGE_AT_ONCE, Severity.SEV2, Urgency.PAGE_AT_ONCE,
                Severity.SEV3, Urgency.ON_SLA_ONLY, Severity.SEV4, Urgency.ON_SLA_ONLY));
    }

    @Test
    void shouldNameEveryBadFieldByItsPath() {
        Map<Severity, Duration> ackTimeouts = new LinkedHashMap<>();
        ackTimeouts.put(Severity.SEV1, Duration.ZERO);
        ackTimeouts.put(Severity.SEV2, Duration.ofMinutes(-1));
        EscalationPolicy policy = new EscalationPolicy(" ", null, Arrays.asList(
                OK,
                Level.of(Duration.ZERO, new PersonTarget("ana")),
                new Level(List.of(), Duration.ofSeconds(30)),
                new Level(Arrays.asList(new TeamTarget(""), null), Duration.ofMinutes(-2)),
                new Level(List.of(new ScheduleTarget("s")), null),
                null),
                11, Map.of(), ackTimeouts,
                List.of(new TierMoveRule(SlaClockKind.RESOLUTION, SlaAlert.BREACH, Tier.L2, Tier.L1),
                        new TierMoveRule(null, null, Tier.L1, null)));

        assertThat(policy.validate()).containsExactly(
                new FieldError("id", "must not be blank"),
                new FieldError("name", "must not be blank"),
                new FieldError("levels[1].delay", "must be positive: a zero delay would page every level at once"),
                new FieldError("levels[2].targets", "must have at least one target"),
                new FieldError("levels[2].delay", "must be at least PT1M"),
                new FieldError("levels[3].targets[0].teamId", "must not be blank"),
                new FieldError("levels[3].targets[1]", "must not be null"),
                new FieldError("levels[3].delay", "must be positive: a zero delay would page every level at once"),
                new FieldError("levels[4].delay", "is required"),
                new FieldError("levels[5]", "must not be null"),
                new FieldError("repeats", "must be between 0 and 10"),
                new FieldError("ackTimeouts.SEV1", "must be positive (leave the severity out for no ack timeout)"),
                new FieldError("ackTimeouts.SEV2", "must be positive (leave the severity out for no ack timeout)"),
                new FieldError("tierMoves[0].to", "must be a higher tier than L2"),
                new FieldError("tierMoves[1].clock", "is required"),
                new FieldError("tierMoves[1].alert", "is required"),
                new FieldError("tierMoves[1].to", "is required"));
    }

    @Test
    void shouldRequireALevelAndRepeatsFromZero() {
        assertThat(new EscalationPolicy("p", "P", List.of(), -1).validate()).containsExactly(
                new FieldError("levels", "must have at least one level"),
                new FieldError("repeats", "must be between 0 and 10"));
    }

    @Test
    void shouldTakeAConfigurableMinimumDelayButNeverZero() {
        EscalationPolicy seconds = new EscalationPolicy("p", "P",
                List.of(Level.of(Duration.ofSeconds(2), new PersonTarget("ana"))), 0);
        assertThat(seconds.validate()).containsExactly(new FieldError("levels[0].delay", "must be at least PT1M"));
        assertThat(seconds.validate(Duration.ofSeconds(1))).isEmpty();

        EscalationPolicy zero = new EscalationPolicy("p", "P", List.of(Level.of(Duration.ZERO,
                new PersonTarget("ana"))), 0);
        assertThat(zero.validate(Duration.ZERO)).extracting(FieldError::field).containsExactly("levels[0].delay");
        assertThatThrownBy(zero::requireRunnable).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("levels[0].delay");
    }
}
