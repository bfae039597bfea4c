package io.tierline.notification.domain;

import io.tierline.contracts.SlaClockKind;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PageCausesTest {

    private final UUID ticket = UUID.fromString("6f1c2a9e-0000-4000-8000-000000000042");

    @Test
    void shouldNameABreachAfterItsClock() {
        assertThat(PageCauses.slaBreached(SlaClockKind.FIRST_RESPONSE)).isEqualTo("SLA_BREACHED:FIRST_RESPONSE");
    }

    @Test
    void shouldTitleAPageInOneHumanLine() {
        assertThat(PageCauses.title("SLA_BREACHED:FIRST_RESPONSE", ticket))
                .isEqualTo("SLA breached: first response for ticket " + ticket);
        assertThat(PageCauses.title("SLA_BREACHED:NEXT_UPDATE", ticket))
                .isEqualTo("SLA breached: next update for ticket " + ticket);
        assertThat(PageCauses.title("PAGE_REQUESTED", ticket)).isEqualTo("Page requested for ticket " + ticket);
    }

    @Test
    void shouldAcceptOnlyAbsoluteHttpUrlsAsWebhookAddresses() {
        assertThat(WebhookAddresses.isValid("https://hooks.example.com/x?y=1")).isTrue();
        assertThat(WebhookAddresses.isValid("http://127.0.0.1:9000/hook")).isTrue();
        assertThat(WebhookAddresses.isValid("ftp://example.com")).isFalse();
        assertThat(WebhookAddresses.isValid("/hook")).isFalse();
        assertThat(WebhookAddresses.isValid("http://")).isFalse();
        assertThat(WebhookAddresses.isValid(" https://example.com")).isFalse();
        assertThat(WebhookAddresses.isValid(null)).isFalse();
    }

    @Test
    void shouldAcknowledgeOnlyOnce() {
        Page page = new Page();
        page.status = PageStatus.DELIVERED;
        assertThat(page.acknowledge("alice", java.time.Instant.EPOCH)).isTrue();
        assertThat(page.acknowledge("bob", java.time.Instant.now())).isFalse();
        assertThat(page.acknowledgedBy).isEqualTo("alice");
        assertThat(page.awaitsDelivery()).isFalse();
    }
}
