package io.tierline.testsupport;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protection every service proves: extend it in a {@code @QuarkusTest} of the service (with
 * {@link TierlineInfrastructure}) and every operation of its OpenAPI document is checked by
 * {@link EndpointProtection}; and every resource runs what it started to its end when its client leaves
 * ({@link UncancellableResources}).
 */
public abstract class EndpointProtectionContract {

    @Test
    void everyOperationShouldRefuseCallersWithoutCredentialsOrTheRightRole() {
        assertThat(EndpointProtection.operations()).isNotEmpty();
        assertThat(EndpointProtection.violations()).isEmpty();
    }

    @Test
    void everyResourceShouldFinishWhatItStartedWhenItsClientLeaves() {
        Path classes = Path.of("target", "classes");
        assertThat(UncancellableResources.resources(classes)).isPositive();
        assertThat(UncancellableResources.cancellable(classes)).as("resources without @Cancellable(false)").isEmpty();
    }
}
