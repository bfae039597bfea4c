package io.tierline.notification;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tierline.contracts.SlaClockKind;
import io.tierline.contracts.Topics;
import io.tierline.testsupport.KafkaTestClient;
import io.tierline.testsupport.QueryPlans;
import io.tierline.testsupport.TierlineInfrastructure;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.tierline.notification.Fixtures.breached;
import static io.tierline.notification.Fixtures.person;
import static io.tierline.notification.Fixtures.routed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Paging a ticket plans its statements once: a native select whose result mapping is not named added one plan to
 * Hibernate's query-plan cache per call, all with the same hash, so every later lookup of that query walked a longer
 * chain (a quarter of a service's CPU after an hour under load).
 */
@QuarkusTest
@WithTestResource(TierlineInfrastructure.class)
class QueryPlanCacheTest {

    private static final int TICKETS = 20;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Mutiny.SessionFactory sessions;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldPlanThePagingStatementsOnceHoweverManyTicketsArePaged() throws Exception {
        // the first round plans every statement the paging path uses
        page(5);
        Statistics statistics = sessions.getStatistics();
        assertThat(statistics.isStatisticsEnabled()).isTrue();
        long missesBefore = statistics.getQueryPlanCacheMissCount();
        Map<String, Long> before = QueryPlans.misses(statistics);

        page(TICKETS);

        long misses = statistics.getQueryPlanCacheMissCount() - missesBefore;
        assertThat(misses).as("query plans made while paging %d more tickets", TICKETS).withFailMessage("%s plans made; by query: %s", misses, QueryPlans.grown(before, QueryPlans.misses(statistics)))
                .isLessThan(5);
    }

    /** Routes and breaches this many new tickets, one responder each, and waits until each has its page. */
    private void page(int tickets) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            for (int i = 0; i < tickets; i++) {
                UUID ticketId = UUID.randomUUID();
                ids.add(ticketId);
                kafka.send(Topics.ESCALATION_EVENTS, routed(ticketId, "payments", person("carol")));
                kafka.send(Topics.SLA_EVENTS, breached(ticketId, SlaClockKind.FIRST_RESPONSE));
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> pages(ids) == tickets);
    }

    private long pages(List<UUID> tickets) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from page where ticket_id = any(?)")) {
            statement.setArray(1, connection.createArrayOf("uuid", tickets.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
