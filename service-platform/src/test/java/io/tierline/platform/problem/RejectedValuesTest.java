package io.tierline.platform.problem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RejectedValuesTest {

    @Test
    void shouldEchoAShortValueAsItIs() {
        assertThat(RejectedValues.echo("severity", "SEV9")).isEqualTo("SEV9");
        assertThat(RejectedValues.echo("limit", 42)).isEqualTo("42");
    }

    @Test
    void shouldCutALongValueToSixtyFourCharactersWithoutSplittingOne() {
        assertThat(RejectedValues.echo("title", "x".repeat(500))).isEqualTo("x".repeat(64) + "…");
        String emoji = "\ud83d\ude00".repeat(100);
        assertThat(RejectedValues.echo("title", emoji)).isEqualTo("\ud83d\ude00".repeat(64) + "…");
    }

    @Test
    void shouldNeverEchoTheValueOfAFieldThatMayHoldASecret() {
        for (String field : new String[]{"token", "apiKey", "integration.routing_key", "clientSecret", "password",
                "Authorization", "signature", "X-Api-Key"}) {
            assertThat(RejectedValues.isSecret(field)).as(field).isTrue();
            assertThat(RejectedValues.echo(field, "s3cr3t")).as(field).isNull();
        }
        assertThat(RejectedValues.isSecret("severity")).isFalse();
        assertThat(RejectedValues.isSecret("customerId")).isFalse();
    }
}
