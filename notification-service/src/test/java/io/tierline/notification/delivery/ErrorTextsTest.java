package io.tierline.notification.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorTextsTest {

    private static final String ADDRESS = "https://hooks.example.com/services/T0/B0/pathS3cr3t?token=queryS3cr3t";
    private static final String REDACTED = "https://hooks.example.com/…";

    @Test
    void shouldLeakNoPartOfTheAddressWhereTheLengthLimitCutsThroughIt() {
        int pathStart = ADDRESS.indexOf("/services");
        // every cut from the path's first character to just before the end of the address
        for (int cut = pathStart + 2; cut < ADDRESS.length(); cut++) {
            String start = "ConnectException: posting to ";
            String error = start + "x".repeat(ErrorTexts.MAX_LENGTH - start.length() - cut) + ADDRESS + " failed";
            assertThat(error.indexOf(ADDRESS) + cut).isEqualTo(ErrorTexts.MAX_LENGTH);

            String safe = ErrorTexts.safe(error, ADDRESS);

            assertThat(safe).hasSizeLessThanOrEqualTo(ErrorTexts.MAX_LENGTH)
                    .doesNotContain(ADDRESS.substring(0, cut))
                    .doesNotContain("/services")
                    .doesNotContain("S3cr3t");
        }
    }

    @Test
    void shouldMakeAnOutcomesErrorSafeBeforeItIsStored() {
        String error = "x".repeat(480) + ADDRESS; // crosses the limit
        WebhookChannel.Outcome outcome = new WebhookChannel.Outcome(null, error, Duration.ofMillis(5)).safeFor(ADDRESS);

        assertThat(outcome.error()).isEqualTo(("x".repeat(480) + REDACTED).substring(0, ErrorTexts.MAX_LENGTH))
                .doesNotContain("/services");
        assertThat(outcome.reason()).isEqualTo(outcome.error());
    }

    @Test
    void shouldCutALongTextWithoutTheAddressToTheLimitAndKeepAShortOneAsItIs() {
        assertThat(ErrorTexts.safe("e".repeat(2_000), ADDRESS)).hasSize(ErrorTexts.MAX_LENGTH);
        assertThat(ErrorTexts.safe("Timeout posting to " + ADDRESS, ADDRESS)).isEqualTo("Timeout posting to " + REDACTED);
        assertThat(ErrorTexts.safe(null, ADDRESS)).isNull();
    }

    @Test
    void shouldNotSplitACharacterMadeOfTwoCharsAtTheCut() {
        String text = "e".repeat(ErrorTexts.MAX_LENGTH - 1) + "😀" + "tail";
        assertThat(ErrorTexts.safe(text, ADDRESS)).isEqualTo("e".repeat(ErrorTexts.MAX_LENGTH - 1));
    }
}
