package io.tierline.escalation.routing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether an escalation policy id names a policy. Policies have a table of their own ({@code escalation_policy});
 * until it exists any non-blank id is taken on trust, so teams and rules can name policies that are set up later.
 */
@ApplicationScoped
public class PolicyCheck {

    /** Answers in the caller's session. */
    public Uni<Boolean> exists(String policyId) {
        if (policyId == null || policyId.isBlank()) {
            return Uni.createFrom().item(false);
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "select to_regclass('escalation_policy') is not null", Boolean.class).getSingleResult()
                .flatMap(tableExists -> !tableExists ? Uni.createFrom().item(true)
                        : session.createNativeQuery("select count(*) from escalation_policy where id = ?1", Long.class)
                        .setParameter(1, policyId).getSingleResult().map(count -> count > 0)));
    }
}
