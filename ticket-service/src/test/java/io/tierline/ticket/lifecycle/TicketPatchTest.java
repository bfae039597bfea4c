package io.tierline.ticket.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierline.contracts.Severity;
import io.tierline.platform.problem.ProblemException;
import io.tierline.ticket.domain.TicketStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TicketPatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldTellAbsentFromClearedFromSet() throws Exception {
        TicketPatch patch = TicketPatch.parse(JSON.readTree("""
                {"status":"WAITING_ON_CUSTOMER","severity":"SEV3","assignee":null,"tags":["a"]}"""));

        assertThat(patch.status().value()).isEqualTo(TicketStatus.WAITING_ON_CUSTOMER);
        assertThat(patch.severity().value()).isEqualTo(Severity.SEV3);
        assertThat(patch.assignee()).isNotNull();
        assertThat(patch.assignee().value()).isNull();
        assertThat(patch.team()).isNull();
        assertThat(patch.tags().value()).containsExactly("a");
        assertThat(TicketPatch.parse(JSON.readTree("{}")).isEmpty()).isTrue();
        assertThat(TicketPatch.parse(JSON.readTree("{\"tags\":null}")).tags().value()).isEmpty();
    }

    @Test
    void shouldNameEveryFieldAtFaultAtOnce() {
        assertThatThrownBy(() -> TicketPatch.parse(JSON.readTree("""
                {"status":"open","severity":null,"title":"  ","assignee":7,"asignee":"bob","tier":"L3",
                 "tags":["ok",""],"component":"%s"}""".formatted("x".repeat(101)))))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactlyInAnyOrder(
                            "status", "severity", "title", "assignee", "asignee", "tier", "tags[1]", "component");
                });
    }

    @Test
    void shouldRefuseADocumentThatIsNotAnObjectAndTextThatCannotBeStored() throws Exception {
        for (String body : List.of("[]", "\"x\"", "null", "3")) {
            assertThatThrownBy(() -> TicketPatch.parse(JSON.readTree(body))).isInstanceOf(ProblemException.class);
        }
        assertThatThrownBy(() -> TicketPatch.parse(JSON.readTree("{\"title\":\"a\\u0000b\"}")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors())
                        .singleElement().satisfies(f -> assertThat(f.message()).contains("NUL")));
        assertThatThrownBy(() -> TicketPatch.parse(JSON.readTree("{\"tags\":" + "[\"t\"]".repeat(1)
                .replace("[\"t\"]", "[" + "\"t\",".repeat(TicketPatch.MAX_TAGS) + "\"t\"]") + "}")))
                .isInstanceOf(ProblemException.class);
    }
}
