package io.tierline.escalation.people;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.events.ContactMethodsChanged;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Who notification-service can reach: kept from its contact-method events, newest change wins. */
@ApplicationScoped
public class People {

    /** Keeps the change unless a later one is kept already (events of one person arrive in order; a replay does not). */
    public Uni<Void> changed(ContactMethodsChanged changed) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        insert into person_reachability (person_id, contact_methods, changed_at)
                        values (:person, cast(:methods as text[]), :at)
                        on conflict (person_id) do update set contact_methods = excluded.contact_methods,
                            changed_at = excluded.changed_at
                        where person_reachability.changed_at <= excluded.changed_at""")
                .setParameter("person", changed.personId())
                .setParameter("methods", changed.types().toArray(String[]::new))
                .setParameter("at", changed.changedAt())
                .executeUpdate()).replaceWithVoid();
    }

    /** The people with at least one contact method. */
    @WithSession
    public Uni<Set<String>> reachable() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        select person_id from person_reachability where cardinality(contact_methods) > 0""",
                        String.class)
                .getResultList())
                .map(ids -> new HashSet<>((List<String>) ids));
    }
}
