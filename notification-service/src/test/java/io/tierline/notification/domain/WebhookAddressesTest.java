package io.tierline.notification.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookAddressesTest {

    @Test
    void shouldShowOnlySchemeHostAndPortOfAnAddressInLogs() {
        assertThat(WebhookAddresses.redacted("https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX"))
                .isEqualTo("https://hooks.slack.com/…");
        assertThat(WebhookAddresses.redacted("http://user:hunter2@127.0.0.1:8090/hooks/alice?token=abc"))
                .isEqualTo("http://127.0.0.1:8090/…");
        assertThat(WebhookAddresses.redacted("not a url")).isEqualTo("<invalid address>");
    }

    @Test
    void shouldRedactTheAddressWhereAFailureMessageRepeatsIt() {
        String address = "https://chat.example.com/hook/s3cr3t";
        assertThat(WebhookAddresses.redact("Timeout posting to " + address, address))
                .isEqualTo("Timeout posting to https://chat.example.com/…")
                .doesNotContain("s3cr3t");
        assertThat(WebhookAddresses.redact(null, address)).isNull();
    }

    @Test
    void shouldRedactTheSecretPartsOfAnAddressWhereAMessageRepeatsThemAlone() {
        String address = "https://bot:p%40ss@chat.example.com/hook/s3cr3t%2Fx?token=t0k3n";
        assertThat(WebhookAddresses.redact("404 no route for /hook/s3cr3t%2Fx?token=t0k3n", address))
                .isEqualTo("404 no route for …");
        assertThat(WebhookAddresses.redact("unknown hook /hook/s3cr3t/x", address)).doesNotContain("s3cr3t");
        assertThat(WebhookAddresses.redact("bad query token=t0k3n", address)).doesNotContain("t0k3n");
        assertThat(WebhookAddresses.redact("user bot:p@ss refused", address)).doesNotContain("p@ss");
        // a path too short to be a secret is left alone, not replaced everywhere
        assertThat(WebhookAddresses.redact("posted to /hook at /hook", "https://chat.example.com/hook"))
                .isEqualTo("posted to /hook at /hook");
    }

    @Test
    void shouldAcceptOnlyAbsoluteHttpUrls() {
        assertThat(WebhookAddresses.isValid("https://example.com/x")).isTrue();
        assertThat(WebhookAddresses.isValid("ftp://example.com/x")).isFalse();
        assertThat(WebhookAddresses.isValid(" https://example.com")).isFalse();
    }
}
