package io.tierline.testsupport.fuzz;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApiOperationTest {

    private final List<ApiOperation> operations = ApiOperation.read(ApiDocuments.tickets());

    @Test
    void shouldReadEveryOperationInAStableOrderWithItsRoles() {
        assertThat(operations).extracting(ApiOperation::toString)
                .containsExactly("GET /api/v1/tickets", "POST /api/v1/tickets", "GET /api/v1/tickets/{id}");
        assertThat(operations.get(1).roles()).containsExactly("agent", "admin");
        assertThat(operations.get(1).methodsOfPath()).isEqualTo(Set.of("get", "post"));
    }

    @Test
    void shouldResolveTheSchemasOfBodiesAndParameters() {
        Schema body = operations.get(1).body().schema();
        assertThat(body.required).containsExactly("customerId", "severity", "title");
        assertThat(body.properties.get("customerId").isUuid()).isTrue();
        assertThat(body.properties.get("severity").enumValues).containsExactly("SEV1", "SEV2");
        assertThat(body.properties.get("title").maxLength).isEqualTo(30);
        assertThat(body.properties.get("title").mustNotBeBlank()).isTrue();
        ApiOperation.Parameter limit = operations.get(0).in("query").get(1);
        assertThat(limit.schema().isInteger()).isTrue();
        assertThat(limit.schema().maximum).isEqualByComparingTo("500");
        assertThat(operations.get(2).in("path").get(0).required()).isTrue();
    }

    @Test
    void shouldNameEveryTextListAndMapWithoutABound() {
        assertThat(InputBounds.unbounded(operations)).containsExactly(
                "POST /api/v1/tickets: body 'notes' is text without a maxLength (@Size(max = ...))",
                "POST /api/v1/tickets: body 'labels' is a list without a maxItems (@Size(max = ...))",
                "POST /api/v1/tickets: body 'details' is a map without a maxProperties (@Size(max = ...))",
                "POST /api/v1/tickets: body 'details{}' is text without a maxLength (@Size(max = ...))");
    }
}
