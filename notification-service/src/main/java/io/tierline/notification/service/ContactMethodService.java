package io.tierline.notification.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tierline.notification.domain.ContactMethod;
import io.tierline.notification.domain.ContactMethodType;
import io.tierline.notification.domain.WebhookAddresses;
import io.tierline.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** People's contact methods. Registering one that exists is not an error: it answers the existing one. */
@ApplicationScoped
public class ContactMethodService {

    /** The contact method, and whether this call created it. */
    public record Registration(ContactMethod method, boolean created) {
    }

    private final Clock clock;

    ContactMethodService(Clock clock) {
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Registration> register(String personId, ContactMethodType type, String address) {
        if (type == ContactMethodType.WEBHOOK && !WebhookAddresses.isValid(address)) {
            return Uni.createFrom().failure(
                    ProblemException.badRequest("address", "must be an absolute http or https URL"));
        }
        // insert-if-absent in one statement, so two identical registrations at once cannot collide
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                                insert into contact_method (id, person_id, type, address, created_at)
                                values (:id, :person, :type, :address, :now)
                                on conflict (person_id, type, address) do nothing""")
                        .setParameter("id", UUID.randomUUID())
                        .setParameter("person", personId)
                        .setParameter("type", type.name())
                        .setParameter("address", address)
                        .setParameter("now", clock.instant())
                        .executeUpdate())
                .flatMap(inserted -> ContactMethod.<ContactMethod>find(
                                "personId = ?1 and type = ?2 and address = ?3", personId, type, address)
                        .firstResult()
                        .map(method -> new Registration(method, inserted > 0)));
    }

    @WithSession
    public Uni<List<ContactMethod>> of(String personId) {
        return ContactMethod.list("personId = ?1 order by createdAt, id", personId);
    }

    @WithSession
    public Uni<ContactMethod> get(String personId, UUID id) {
        return ContactMethod.<ContactMethod>find("id = ?1 and personId = ?2", id, personId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Contact method", id));
    }

    @WithTransaction
    public Uni<Void> remove(String personId, UUID id) {
        return ContactMethod.delete("id = ?1 and personId = ?2", id, personId)
                .flatMap(deleted -> deleted > 0
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(ProblemException.notFound("Contact method", id)));
    }
}
