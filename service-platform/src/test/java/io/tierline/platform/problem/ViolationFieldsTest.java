package io.tierline.platform.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A constraint violation names its field as a JSON path a client can find in what it sent. */
class ViolationFieldsTest {

    record Alert(@NotNull Map<@Size(max = 20) String, @NotNull String> labels) {
    }

    record Notification(@NotBlank String title, @Size(max = 3) List<@NotNull @Valid Alert> alerts) {
    }

    private static final ValidatorFactory FACTORY = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    private static List<String> fields(Object bean) {
        return VALIDATOR.validate(bean).stream().map(ProblemMappers::fieldName).sorted().toList();
    }

    @Test
    void shouldNameListElementsByIndexAndMapEntriesByKey() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("alertname", null);
        Map<String, String> longKey = Map.of("x".repeat(100), "v");

        assertThat(fields(new Notification(" ", Arrays.asList(new Alert(Map.of("a", "b")), new Alert(nullValue),
                null, new Alert(longKey)))))
                .containsExactly("alerts", "alerts[1].labels[alertname]", "alerts[2]",
                        "alerts[3].labels[" + "x".repeat(64) + "…]", "title");
    }

    @Test
    void shouldNameATopLevelPropertyByItsName() {
        ConstraintViolation<Notification> violation = VALIDATOR.validate(new Notification(null, List.of()))
                .iterator().next();
        assertThat(ProblemMappers.fieldName(violation)).isEqualTo("title");
    }
}
