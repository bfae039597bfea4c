package io.tierline.notification.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tierline.notification.domain.ContactMethod;
import io.tierline.notification.domain.ContactMethodType;
import io.tierline.notification.domain.WebhookAddresses;
import io.tierline.platform.problem.ProblemException;
import io.tierline.contracts.events.ContactMethodsChanged;
import io.tierline.platform.outbox.Outbox;
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

    private final Outbox outbox;
    private final Clock clock;

    ContactMethodService(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Tells the other services how the person can be reached now, with the change. */
    private Uni<Void> announce(String personId) {
        return ContactMethod.<ContactMethod>list("personId = ?1 order by createdAt, id", personId)
                .flatMap(methods -> outbox.emit(new ContactMethodsChanged(personId,
                        methods.stream().map(m -> m.type.name()).distinct().toList(), clock.instant())))
                .replaceWithVoid();
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
                .flatMap(inserted -> (inserted > 0 ? announce(personId) : Uni.createFrom().voidItem())
                        .flatMap(announced -> ContactMethod.<ContactMethod>find(
                                "personId = ?1 and type = ?2 and address = ?3", personId, type, address)
                        .<ContactMethod>firstResult())
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
                        ? announce(personId)
                        : Uni.createFrom().failure(ProblemException.notFound("Contact method", id)));
    }
}
