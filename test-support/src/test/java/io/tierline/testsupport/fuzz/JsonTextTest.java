package io.tierline.testsupport.fuzz;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTextTest {

    @Test
    void shouldEscapeControlCharactersAndUnpairedSurrogatesAlways() {
        assertThat(JsonText.write("a\u0000\n\"\\\ud800", false)).isEqualTo("\"a\\u0000\\u000a\\\"\\\\\\ud800\"");
        assertThat(JsonText.write("\udfff\ud83d", false)).isEqualTo("\"\\udfff\\ud83d\"");
    }

    @Test
    void shouldWriteOtherCharactersEscapedOrAsTheyAre() {
        assertThat(JsonText.write("\u00e9\ud83d\ude00", true)).isEqualTo("\"\\u00e9\\ud83d\\ude00\"");
        assertThat(JsonText.write("\u00e9\ud83d\ude00", false)).isEqualTo("\"\u00e9\ud83d\ude00\"");
    }

    @Test
    void shouldWriteObjectsListsNumbersAndRawFragments() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "x");
        body.put("labels", List.of(1, true));
        body.put("missing", null);
        body.put("deep", new JsonText.Raw("[[]]"));
        assertThat(JsonText.write(body, true))
                .isEqualTo("{\"title\":\"x\",\"labels\":[1,true],\"missing\":null,\"deep\":[[]]}");
    }
}
