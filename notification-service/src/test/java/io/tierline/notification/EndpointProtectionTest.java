package io.tierline.notification;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierline.testsupport.EndpointProtection;
import io.tierline.testsupport.TierlineInfrastructure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every operation in this service's OpenAPI document names its roles and refuses everyone else. */
@QuarkusTest
@WithTestResource(TierlineInfrastructure.class)
class EndpointProtectionTest {

    @Test
    void everyOperationShouldRefuseCallersWithoutCredentialsOrTheRightRole() {
        assertThat(EndpointProtection.operations()).isNotEmpty();
        assertThat(EndpointProtection.violations()).isEmpty();
    }
}
