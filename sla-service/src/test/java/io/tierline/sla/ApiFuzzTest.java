package io.tierline.sla;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.testsupport.TierlineInfrastructure;
import io.tierline.testsupport.fuzz.ApiFuzzContract;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Malformed and adversarial requests to every operation: no 5xx, problem answers, nothing changed. */
@QuarkusTest
@TestProfile(ApiFuzzContract.FreshDatabase.class)
@WithTestResource(TierlineInfrastructure.class)
class ApiFuzzTest extends ApiFuzzContract {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** A ticket with a running clock, due in days (STANDARD SEV4), so nothing fires while the tables are compared. */
    @Override
    protected Map<String, List<String>> fixtures() {
        UUID ticket = openedTicket(bootstrap, Plan.STANDARD, Severity.SEV4, "/api/v1/tickets/%s/sla");
        return Map.of("ticketId", List.of(ticket.toString()));
    }
}
