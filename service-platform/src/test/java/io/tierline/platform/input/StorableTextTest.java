package io.tierline.platform.input;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StorableTextTest {

    @Test
    void shouldAcceptAnyTextPostgresqlStoresAsSent() {
        assertThat(StorableText.defect(null)).isNull();
        assertThat(StorableText.defect("")).isNull();
        assertThat(StorableText.defect("\u202eevil \ud83d\ude00 \u0007\u001b[0m ' OR 1=1 -- \u200b\ufeff")).isNull();
        assertThat(StorableText.defect("\udbff\udfff")).isNull();
    }

    @Test
    void shouldRefuseTheNulCharacter() {
        assertThat(StorableText.defect("a\u0000b")).contains("NUL");
        assertThat(StorableText.defect("\u0000")).contains("NUL");
    }

    @Test
    void shouldRefuseUnpairedSurrogates() {
        assertThat(StorableText.defect("\ud800")).contains("unpaired surrogate");
        assertThat(StorableText.defect("x\udfff")).contains("unpaired surrogate");
        assertThat(StorableText.defect("tail\ud83d")).contains("unpaired surrogate");
        assertThat(StorableText.defect("\udc00\ud800")).contains("unpaired surrogate");
    }
}
