package io.tierline.escalation.policy;

import io.tierline.contracts.events.Responder;
import io.tierline.escalation.policy.OnCallGaps.Gap;
import io.tierline.escalation.policy.OnCallGaps.Problem;
import io.tierline.escalation.policy.Target.PersonTarget;
import io.tierline.escalation.policy.Target.ScheduleTarget;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OnCallGapsTest {

    private static final Instant MONDAY = Instant.parse("2026-11-23T00:00:00Z");
    private static final Responder ANA = new Responder("ana", "Ana");
    private static final Responder BEN = new Responder("ben", "Ben");
    private static final ScheduleTarget PRIMARY = new ScheduleTarget("primary");
    private static final PersonTarget CAT = new PersonTarget("cat");

    /** primary: ana until noon, nobody until 18:00, then ben (who has no contact method) until the end. */
    private static final TargetResolver RESOLVER = new TargetResolver() {
        @Override
        public List<Responder> resolve(Target target, Instant at) {
            if (target.equals(CAT)) {
                return List.of(new Responder("cat", "Cat"));
            }
            if (at.isBefore(hour(12))) {
                return List.of(ANA);
            }
            return at.isBefore(hour(18)) ? List.of() : List.of(BEN);
        }

        @Override
        public List<Instant> changesBetween(Target target, Instant from, Instant to) {
            return target.equals(PRIMARY) ? List.of(hour(12), hour(18), hour(200)) : List.of();
        }
    };

    private static Instant hour(int hours) {
        return MONDAY.plus(Duration.ofHours(hours));
    }

    @Test
    void shouldListEveryLevelAndTimeWithNobodyReachable() {
        EscalationPolicy policy = new EscalationPolicy("p", "P", List.of(
                Level.of(Duration.ofMinutes(5), PRIMARY),
                Level.of(Duration.ofMinutes(5), PRIMARY, CAT)), 0);

        List<Gap> gaps = OnCallGaps.find(policy, RESOLVER, Set.of("ana", "cat")::contains, MONDAY, 2);

        assertThat(gaps).containsExactly(
                new Gap(0, 0, PRIMARY, Problem.NOBODY_ON_CALL, List.of(), true, hour(12), hour(18)),
                new Gap(0, 0, PRIMARY, Problem.NO_CONTACT_METHOD, List.of("ben"), true, hour(18), hour(48)),
                new Gap(1, 0, PRIMARY, Problem.NOBODY_ON_CALL, List.of(), false, hour(12), hour(18)),
                new Gap(1, 0, PRIMARY, Problem.NO_CONTACT_METHOD, List.of("ben"), false, hour(18), hour(48)));
    }

    @Test
    void shouldFindNothingWhenEveryoneIsReachable() {
        EscalationPolicy policy = new EscalationPolicy("p", "P", List.of(Level.of(Duration.ofMinutes(5), CAT)), 0);

        assertThat(OnCallGaps.find(policy, RESOLVER, id -> true, MONDAY, 7)).isEmpty();
    }
}
