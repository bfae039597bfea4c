package io.tierline.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protection every service proves: extend it in a {@code @QuarkusTest} of the service (with
 * {@link TierlineInfrastructure}) and every operation of its OpenAPI document is checked by
 * {@link EndpointProtection}.
 */
public abstract class EndpointProtectionContract {

    @Test
    void everyOperationShouldRefuseCallersWithoutCredentialsOrTheRightRole() {
        assertThat(EndpointProtection.operations()).isNotEmpty();
        assertThat(EndpointProtection.violations()).isEmpty();
    }
}
