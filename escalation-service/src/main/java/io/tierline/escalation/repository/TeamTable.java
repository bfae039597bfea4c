package io.tierline.escalation.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What schedules and policies need to know of teams: which use a schedule or a policy, and a team's schedule. Teams
 * ({@code /api/v1/teams}) own the {@code team} table with its {@code schedule_id} and {@code escalation_policy_id};
 * every query here first asks whether the table (and the column it reads) exists, so this code works before and after
 * that migration. Runs in the caller's session.
 */
@ApplicationScoped
public class TeamTable {

    /** How many teams have this schedule; 0 while there is no team table. */
    public Uni<Long> usingSchedule(UUID scheduleId) {
        return countWhere("schedule_id", scheduleId.toString());
    }

    /** How many teams have this escalation policy; 0 while there is no team table. */
    public Uni<Long> usingPolicy(String policyId) {
        return countWhere("escalation_policy_id", policyId);
    }

    /**
     * The schedule of the team with this id (its {@code id} column, or {@code name} when it has none); empty when
     * there is no such team, it has no schedule, or there is no team table.
     */
    public Uni<Optional<UUID>> scheduleOf(String teamId) {
        return columns().flatMap(columns -> {
            String key = columns.contains("id") ? "id" : columns.contains("name") ? "name" : null;
            if (key == null || !columns.contains("schedule_id")) {
                return Uni.createFrom().item(Optional.<UUID>empty());
            }
            return Panache.getSession().flatMap(session -> session.createNativeQuery(
                            "select cast(schedule_id as text) from team where cast(" + key + " as text) = :team",
                            String.class)
                    .setParameter("team", teamId)
                    .getResultList())
                    .map(rows -> rows.stream().filter(r -> r != null).findFirst().flatMap(TeamTable::uuid));
        });
    }

    private Uni<Long> countWhere(String column, String value) {
        return columns().flatMap(columns -> {
            if (!columns.contains(column)) {
                return Uni.createFrom().item(0L);
            }
            // column is one of two constants, never input
            return Panache.getSession().flatMap(session -> session.createNativeQuery(
                            "select count(*) from team where cast(" + column + " as text) = :value", Long.class)
                    .setParameter("value", value)
                    .getSingleResult());
        });
    }

    /** The columns of the team table; empty when there is none ({@code to_regclass} finds it on the search path). */
    private Uni<List<String>> columns() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        select cast(a.attname as text) from pg_attribute a
                        where to_regclass('team') is not null and a.attrelid = to_regclass('team')
                          and a.attnum > 0 and not a.attisdropped""", String.class)
                .getResultList());
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
