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
    void shouldKeyEachDeliveryRoundOfAPageSeparately() {
        UUID page = UUID.randomUUID();
        assertThat(PageTimers.key(page, 1)).isEqualTo(page.toString());
        assertThat(PageTimers.key(page, 3)).isEqualTo(page + "/3");
        assertThat(PageTimers.pageId(PageTimers.key(page, 3))).isEqualTo(page);
        assertThat(PageTimers.attempt(PageTimers.key(page, 3))).isEqualTo(3);
        assertThat(PageTimers.attempt(PageTimers.key(page, 1))).isEqualTo(1);
    }
}
