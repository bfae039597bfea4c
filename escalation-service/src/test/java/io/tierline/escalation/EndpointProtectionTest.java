package io.tierline.escalation;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierline.testsupport.EndpointProtectionContract;
import io.tierline.testsupport.TierlineInfrastructure;

/** Every operation in this service's OpenAPI document names its roles and refuses everyone else. */
@QuarkusTest
@WithTestResource(TierlineInfrastructure.class)
class EndpointProtectionTest extends EndpointProtectionContract {
}
