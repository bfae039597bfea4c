package io.tierline.ticket;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tierline.testsupport.QueryPlans;
import io.tierline.testsupport.TierlineInfrastructure;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake plans its statements once: a native select whose result mapping is not named (the open alert tickets'
 * lock) added one plan to Hibernate's query-plan cache per alert, all with the same hash, so every later lookup
 * walked a longer chain.
 */
@QuarkusTest
@WithTestResource(TierlineInfrastructure.class)
class IntakeQueryPlanTest {

    private static final int ALERTS = 20;

    @Inject
    Mutiny.SessionFactory sessions;

    @Test
    void shouldPlanTheIntakeStatementsOnceHoweverManyAlertsArrive() {
        String key = IntegrationKeyIntakeTest.integration("ENTERPRISE").key();
        String dedupKey = "disk-" + UUID.randomUUID();
        // the first alerts plan every statement: a new ticket, then a repeat of it
        trigger(key, dedupKey);
        trigger(key, dedupKey);
        Statistics statistics = sessions.getStatistics();
        assertThat(statistics.isStatisticsEnabled()).isTrue();
        long missesBefore = statistics.getQueryPlanCacheMissCount();
        Map<String, Long> before = QueryPlans.misses(statistics);

        for (int i = 0; i < ALERTS; i++) {
            trigger(key, i % 2 == 0 ? dedupKey : "cpu-" + UUID.randomUUID());
        }

        long misses = statistics.getQueryPlanCacheMissCount() - missesBefore;
        assertThat(misses).as("query plans made for %d more alerts", ALERTS).withFailMessage("%s plans made; by query: %s", misses, QueryPlans.grown(before, QueryPlans.misses(statistics)))
                .isLessThan(5);
    }

    private static void trigger(String key, String dedupKey) {
        given().contentType(ContentType.JSON)
                .body("{\"routing_key\":\"" + key + "\",\"event_action\":\"trigger\",\"dedup_key\":\"" + dedupKey
                        + "\",\"payload\":{\"summary\":\"Disk full\",\"source\":\"web1\",\"severity\":\"critical\"}}")
                .post("/integrations/pagerduty/v2/enqueue")
                .then().statusCode(202);
    }
}
