package io.tierline.sla;

import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.sla.calendar.BusinessCalendar;
import io.tierline.sla.clock.ClockSchedule;
import io.tierline.sla.policy.SlaPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlaPolicyTest {

    private static final Map<String, Duration> DEFAULTS = Map.of("SEV1", Duration.ofHours(1), "SEV2",
            Duration.ofHours(4), "SEV3", Duration.ofHours(24), "SEV4", Duration.ofHours(72));

    @Test
    void shouldUseThePlansOwnTargetAndFallBackToDefault() {
        SlaPolicy policy = new SlaPolicy(Map.of("ENTERPRISE", Map.of("SEV1", Duration.ofMinutes(15)),
                "default", DEFAULTS), 75);

        assertThat(policy.firstResponseTarget(Plan.ENTERPRISE, Severity.SEV1)).isEqualTo(Duration.ofMinutes(15));
        assertThat(policy.firstResponseTarget(Plan.ENTERPRISE, Severity.SEV2)).isEqualTo(Duration.ofHours(4));
        assertThat(policy.firstResponseTarget(Plan.STANDARD, Severity.SEV1)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldAcceptPlanAndSeverityKeysInAnyCase() {
        SlaPolicy policy = new SlaPolicy(Map.of("enterprise", Map.of("sev1", Duration.ofMinutes(10)),
                "DEFAULT", DEFAULTS), 75);

        assertThat(policy.firstResponseTarget(Plan.ENTERPRISE, Severity.SEV1)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void shouldRefuseAPolicyThatLeavesASeverityWithoutTarget() {
        assertThatThrownBy(() -> new SlaPolicy(Map.of("default", Map.of("SEV1", Duration.ofHours(1))), 75))
                .hasMessageContaining("tierline.sla.first-response.default.SEV2");
        assertThatThrownBy(() -> new SlaPolicy(Map.of("default", DEFAULTS), 100))
                .hasMessageContaining("warning-threshold-percent");
    }

    @Test
    void shouldWarnAtTheThresholdAndFallDueAtTheTarget() {
        Instant opened = Instant.parse("2026-11-23T03:00:00Z");

        ClockSchedule schedule = ClockSchedule.of(opened, Duration.ofMinutes(15), 75, BusinessCalendar.ALWAYS);

        assertThat(schedule.warningAt()).isEqualTo(Instant.parse("2026-11-23T03:11:15Z"));
        assertThat(schedule.dueAt()).isEqualTo(Instant.parse("2026-11-23T03:15:00Z"));
    }
}
