package io.tierline.systemtests;

import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.EventTypes;
import io.tierline.contracts.Topics;
import io.tierline.contracts.events.PageDelivered;
import io.tierline.testsupport.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.tierline.systemtests.TierlineSystem.ON_CALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of every service share one broker and one database. Under a steady stream of SEV1 tickets, the
 * second instance of each is killed with SIGKILL: the survivors take over its partitions, its timers and its
 * deliveries. Every ticket is still routed once, breaches once and pages each on-call person once; nothing is lost
 * and nothing applied twice (a page POSTed again after a crash carries the same page id, and is announced once).
 * Meanwhile no instance holds more than 10 database connections, so two of everything fit PostgreSQL's default 100.
 */
class ScaleOutIT {

    @RegisterExtension
    static final TierlineSystemExtension tierline = new TierlineSystemExtension();

    private static final int TICKETS_PER_SECOND = 5;
    private static final Duration LOAD = Duration.ofSeconds(16);
    private static final Duration KILL_AFTER = Duration.ofSeconds(6);

    @Test
    void shouldLoseAndRepeatNothingWhenOneOfTwoInstancesOfEveryServiceIsKilledUnderLoad() throws Exception {
        TierlineSystem system = tierline.system();
        Map<String, ServiceProcess> second = system.startSecondInstances();
        String customerId = system.api().createCustomer("Scale-out Corp", "ENTERPRISE");

        List<String> tickets = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();
        int total = (int) (LOAD.toSeconds() * TICKETS_PER_SECOND);
        boolean killed = false;
        Map<String, Long> connections = new java.util.HashMap<>();
        for (int i = 0; i < total; i++) {
            long due = start + i * (1_000_000_000L / TICKETS_PER_SECOND);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (!killed && i % TICKETS_PER_SECOND == 0) {
                connectionsByInstance(system)
                        .forEach((instance, count) -> connections.merge(instance, count, Math::max));
            }
            if (!killed && System.nanoTime() - start >= KILL_AFTER.toNanos()) {
                second.values().forEach(ServiceProcess::kill);
                killed = true;
            }
            int n = i;
            senders.submit(() -> {
                try {
                    tickets.add(system.api().openTicket(customerId, "SEV1", "Storm ticket " + n));
                } catch (Throwable t) {
                    failures.add(t);
                }
            });
        }
        senders.shutdown();
        assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).as("tickets refused by the surviving ticket-service").isEmpty();
        assertThat(killed).isTrue();
        assertThat(second.values()).noneMatch(ServiceProcess::isAlive);
        assertThat(system.services()).allMatch(ServiceProcess::isAlive);
        assertThat(tickets).hasSize(total);
        assertThat(connections).as("most database connections each instance held under load")
                .hasSize(2 * TierlineSystem.SERVICES.size())
                .allSatisfy((instance, most) -> assertThat(most).as(instance).isBetween(1L, 10L));

        Set<String> ours = Set.copyOf(tickets);
        await("every ticket routed, breached and paged").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    assertThat(byTicket(system, Topics.ESCALATION_EVENTS, EventTypes.TICKET_ROUTED, ours))
                            .as("tickets routed").hasSize(total);
                    assertThat(byTicket(system, Topics.SLA_EVENTS, EventTypes.SLA_BREACHED, ours))
                            .as("tickets breached").hasSize(total);
                    assertThat(byTicket(system, Topics.PAGE_EVENTS, EventTypes.PAGE_DELIVERED, ours))
                            .as("tickets paged").hasSize(total)
                            .allSatisfy((ticket, events) -> assertThat(events).hasSize(ON_CALL.size()));
                });

        // once each: a record published again keeps its ce_id; two ids would be the work done twice
        Map<String, List<CloudEvent>> routed = byTicket(system, Topics.ESCALATION_EVENTS, EventTypes.TICKET_ROUTED,
                ours);
        Map<String, List<CloudEvent>> breached = byTicket(system, Topics.SLA_EVENTS, EventTypes.SLA_BREACHED, ours);
        Map<String, List<CloudEvent>> delivered = byTicket(system, Topics.PAGE_EVENTS, EventTypes.PAGE_DELIVERED,
                ours);
        for (String ticket : tickets) {
            assertThat(routed.get(ticket)).as("routings of %s", ticket).hasSize(1);
            assertThat(breached.get(ticket)).as("breaches of %s", ticket).hasSize(1);
            assertThat(delivered.get(ticket).stream().map(e -> e.payload(PageDelivered.class).responderId()))
                    .as("pages delivered for %s", ticket).containsExactlyInAnyOrderElementsOf(ON_CALL);
            Map<String, Set<String>> pageIds = system.webhooks().forTicket(ticket).stream()
                    .collect(Collectors.groupingBy(WebhookReceiver.Hook::person,
                            Collectors.mapping(hook -> hook.field("pageId"), Collectors.toSet())));
            assertThat(pageIds).as("pages POSTed for %s, by person", ticket).containsOnlyKeys(ON_CALL)
                    .allSatisfy((person, ids) -> assertThat(ids).hasSize(1));
        }
    }

    /** The database connections each service instance holds now, by the name it gives them (service/instance). */
    private static Map<String, Long> connectionsByInstance(TierlineSystem system) throws SQLException {
        Map<String, Long> counts = new java.util.HashMap<>();
        try (Connection connection = system.database().connect();
             PreparedStatement statement = connection.prepareStatement("""
                     select application_name, count(*) from pg_stat_activity
                     where datname = current_database() and application_name like '%-service/%'
                     group by application_name""");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    /** The events of one type about the given tickets, one per ce_id (a republished record counts once). */
    private static Map<String, List<CloudEvent>> byTicket(TierlineSystem system, String topic, String type,
                                                         Set<String> tickets) {
        Map<String, Map<java.util.UUID, CloudEvent>> distinct = new ConcurrentHashMap<>();
        for (CloudEvent event : system.kafka().events(topic,
                e -> type.equals(e.type()) && tickets.contains(e.subject()))) {
            distinct.computeIfAbsent(event.subject(), t -> new java.util.LinkedHashMap<>())
                    .putIfAbsent(event.id(), event);
        }
        Map<String, List<CloudEvent>> out = new java.util.HashMap<>();
        distinct.forEach((ticket, events) -> out.put(ticket, new ArrayList<>(events.values())));
        return out;
    }
}
