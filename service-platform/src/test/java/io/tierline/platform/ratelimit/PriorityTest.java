package io.tierline.platform.ratelimit;

import io.tierline.contracts.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PriorityTest {

    @Test
    void shouldRankSeverityOneMostCritical() {
        assertThat(Priority.of(Severity.SEV1)).isEqualTo(Priority.CRITICAL);
        assertThat(Priority.of(Severity.SEV2)).isEqualTo(Priority.HIGH);
        assertThat(Priority.of(Severity.SEV3)).isEqualTo(Priority.NORMAL);
        assertThat(Priority.of(Severity.SEV4)).isEqualTo(Priority.LOW);
    }
}
