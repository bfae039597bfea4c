package io.tierline.ticket.integration;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IntegrationKeysTest {

    @Test
    void shouldGenerateDistinctKeysShapedLikePagerDutyRoutingKeys() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = IntegrationKeys.generate();
            assertThat(key).hasSize(32).matches("[a-z2-7]{32}");
            assertThat(IntegrationKeys.looksLikeKey(key)).isTrue();
            keys.add(key);
        }
        assertThat(keys).hasSize(1000);
    }

    @Test
    void shouldNotMistakeTokensOrPasswordsForKeys() {
        assertThat(IntegrationKeys.looksLikeKey("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")).isFalse();
        assertThat(IntegrationKeys.looksLikeKey("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")).isFalse();
        assertThat(IntegrationKeys.looksLikeKey("short")).isFalse();
        assertThat(IntegrationKeys.looksLikeKey(null)).isFalse();
    }

    @Test
    void shouldStoreOnlyAHashAndAHintThatDoNotRevealTheKey() {
        String key = IntegrationKeys.generate();
        String hash = IntegrationKeys.hash(key);
        assertThat(hash).hasSize(64).doesNotContain(key).isEqualTo(IntegrationKeys.hash(key));
        assertThat(IntegrationKeys.hash(IntegrationKeys.generate())).isNotEqualTo(hash);
        assertThat(IntegrationKeys.hint(key)).startsWith(key.substring(0, 4)).hasSizeLessThan(10);
    }
}
