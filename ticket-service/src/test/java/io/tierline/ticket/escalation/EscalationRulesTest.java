package io.tierline.ticket.escalation;

import io.tierline.contracts.Tier;
import io.tierline.contracts.events.ReproductionPackage;
import io.tierline.contracts.events.ReproductionPackage.CustomerImpact;
import io.tierline.ticket.domain.TicketStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EscalationRulesTest {

    static final ReproductionPackage COMPLETE = new ReproductionPackage("1. open checkout\n2. pay with a saved card",
            "production eu-west-1", "4.2.1", "the payment is accepted", "HTTP 500 from /payments",
            List.of("trace 4bf92f3577b34da6", "logs: kibana saved search 'checkout-500'"),
            new CustomerImpact(1200, Instant.parse("2026-11-29T02:00:00Z"), true, "pay by invoice"), List.of());

    @Test
    void shouldAcceptACompletePackageForL3AndNoneForL2() {
        assertThat(EscalationRules.missing(Tier.L3, COMPLETE)).isEmpty();
        assertThat(EscalationRules.missing(Tier.L2, null)).isEmpty();
    }

    @Test
    void shouldNameEveryMissingPartOfAnL3Package() {
        assertThat(EscalationRules.missing(Tier.L3, null)).containsExactly("reproduction");
        ReproductionPackage sparse = new ReproductionPackage(" ", null, "4.2.1", "", "HTTP 500", List.of(),
                new CustomerImpact(0, null, true, " "), List.of());
        assertThat(EscalationRules.missing(Tier.L3, sparse)).containsExactly("reproduction.steps",
                "reproduction.environment", "reproduction.expected", "reproduction.logReferences",
                "reproduction.impact.affectedUsers", "reproduction.impact.since",
                "reproduction.impact.workaroundDescription");
        ReproductionPackage noImpact = new ReproductionPackage("s", "e", "v", "x", "y", List.of("l"), null, List.of());
        assertThat(EscalationRules.missing(Tier.L3, noImpact)).containsExactly("reproduction.impact");
        ReproductionPackage unsaid = new ReproductionPackage("s", "e", "v", "x", "y", List.of("l"),
                new CustomerImpact(3, Instant.EPOCH, null, null), List.of());
        assertThat(EscalationRules.missing(Tier.L3, unsaid)).containsExactly("reproduction.impact.workaround");
    }

    @Test
    void shouldOnlyHandAnOpenTicketUp() {
        assertThat(EscalationRules.refusal(TicketStatus.IN_PROGRESS, Tier.L2, Tier.L3)).isEmpty();
        assertThat(EscalationRules.refusal(TicketStatus.NEW, null, Tier.L2)).isEmpty();
        assertThat(EscalationRules.refusal(TicketStatus.OPEN, Tier.L2, Tier.L2)).get().asString().contains("L3");
        assertThat(EscalationRules.refusal(TicketStatus.OPEN, Tier.L3, Tier.L2)).get().asString()
                .contains("L3 is the highest");
        assertThat(EscalationRules.refusal(TicketStatus.RESOLVED, Tier.L1, Tier.L2)).get().asString()
                .contains("reopen it first");
    }
}
