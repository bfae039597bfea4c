package io.tierline.notification.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tierline.contracts.events.PageAcknowledged;
import io.tierline.notification.domain.DeliveryAttempt;
import io.tierline.notification.domain.Page;
import io.tierline.platform.outbox.Outbox;
import io.tierline.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Pages as people see them, and their acknowledgement. */
@ApplicationScoped
public class PageService {

    /** A page with its delivery attempts, oldest first. */
    public record PageDetails(Page page, List<DeliveryAttempt> attempts) {
    }

    private final Outbox outbox;
    private final Clock clock;

    PageService(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithSession
    public Uni<List<PageDetails>> ofTicket(UUID ticketId) {
        return Page.<Page>list("ticketId = ?1 order by createdAt, cause, responderId", ticketId)
                .flatMap(pages -> pages.isEmpty()
                        ? Uni.createFrom().item(List.<PageDetails>of())
                        : DeliveryAttempt.<DeliveryAttempt>list("pageId in ?1 order by attempt, id",
                                        pages.stream().map(p -> p.id).toList())
                                .map(attempts -> {
                                    Map<UUID, List<DeliveryAttempt>> byPage = attempts.stream()
                                            .collect(Collectors.groupingBy(a -> a.pageId));
                                    return pages.stream()
                                            .map(p -> new PageDetails(p, byPage.getOrDefault(p.id, List.of())))
                                            .toList();
                                }));
    }

    @WithSession
    public Uni<PageDetails> get(UUID id) {
        return Page.<Page>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Page", id))
                .flatMap(this::withAttempts);
    }

    /**
     * The first ack sets ACKNOWLEDGED and announces it (escalation stops on it); a repeated ack changes nothing. The
     * row lock makes an ack wait for a delivery round in progress rather than race it.
     *
     * @param by who acknowledges: the authenticated caller, whether the paged responder or someone on their behalf
     */
    @WithTransaction
    public Uni<PageDetails> acknowledge(UUID id, String by) {
        return Page.<Page>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Page", id))
                .call(page -> {
                    if (!page.acknowledge(by, clock.instant())) {
                        return Uni.createFrom().voidItem();
                    }
                    return outbox.emit(new PageAcknowledged(page.id, page.ticketId, page.responderId, page.cause,
                            page.acknowledgedBy, page.acknowledgedAt));
                })
                .flatMap(this::withAttempts);
    }

    private Uni<PageDetails> withAttempts(Page page) {
        return DeliveryAttempt.<DeliveryAttempt>list("pageId = ?1 order by attempt, id", page.id)
                .map(attempts -> new PageDetails(page, attempts));
    }
}
