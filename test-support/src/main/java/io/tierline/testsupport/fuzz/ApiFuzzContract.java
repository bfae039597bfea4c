package io.tierline.testsupport.fuzz;

import io.quarkus.test.junit.QuarkusTestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzz every service survives. Extend it in a {@code @QuarkusTest} of the service, with
 * {@code @TestProfile(ApiFuzzContract.FreshDatabase.class)} and
 * {@code @WithTestResource(TierlineInfrastructure.class)}; override {@link #fixtures()} to create rows through the
 * API that the fuzz should also meet. See {@link ApiFuzzer} for what is sent and what is asserted.
 */
public abstract class ApiFuzzContract {

    /** Creates resources through the API and answers their ids (or names) by path or query parameter name. */
    protected Map<String, List<String>> fixtures() {
        return Map.of();
    }

    @Test
    void everyTextListAndMapTheApiTakesShouldBeBounded() {
        assertThat(ApiFuzzer.unboundedInputs()).isEmpty();
    }

    @Test
    void shouldRefuseMalformedAndAdversarialRequestsWithoutServerErrorsOrChangingAnything() {
        FuzzReport report = ApiFuzzer.configured().run(fixtures());

        assertThat(report.operations()).isNotEmpty();
        assertThat(report.passed()).withFailMessage(report::describe).isTrue();
        assertThat(report.operationsNeverPastAuthentication()).withFailMessage(report::describe).isEmpty();
    }

    /**
     * The fuzz's own profile: a distinct profile restarts the application, and {@code TierlineInfrastructure} gives
     * every start a fresh database, so the tables the fuzz compares hold only its fixtures.
     */
    public static class FreshDatabase implements QuarkusTestProfile {
    }
}
