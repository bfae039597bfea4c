package io.tierline.notification.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTest {

    @Test
    void shouldDoubleTheBackoffAfterEachFailedRoundUntilNoneIsLeft() {
        RetrySchedule schedule = new RetrySchedule(4, Duration.ofSeconds(2));
        assertThat(schedule.delayAfter(1)).contains(Duration.ofSeconds(2));
        assertThat(schedule.delayAfter(2)).contains(Duration.ofSeconds(4));
        assertThat(schedule.delayAfter(3)).contains(Duration.ofSeconds(8));
        assertThat(schedule.delayAfter(4)).isEmpty();
    }

    @Test
    void shouldNotRetryWhenOneAttemptIsAllowed() {
        assertThat(new RetrySchedule(1, Duration.ofSeconds(2)).delayAfter(1)).isEmpty();
    }

    @Test
    void shouldKeepOneTimerPerPageWithItsRoundInThePayload() {
        UUID page = UUID.randomUUID();
        assertThat(PageTimers.key(page)).isEqualTo(page.toString());
        assertThat(PageTimers.pageId(PageTimers.key(page))).isEqualTo(page);
        assertThat(PageTimers.round(PageTimers.key(page), null)).isEqualTo(1);
        assertThat(PageTimers.round(PageTimers.key(page), PageTimers.payload(3))).isEqualTo(3);
    }

    @Test
    void shouldStillReadTheRoundOfATimerKeyedByAnEarlierVersion() {
        UUID page = UUID.randomUUID();
        assertThat(PageTimers.pageId(page + "/3")).isEqualTo(page);
        assertThat(PageTimers.round(page + "/3", null)).isEqualTo(3);
        assertThat(PageTimers.round(page + "/3", PageTimers.payload(4))).isEqualTo(4);
    }
}
