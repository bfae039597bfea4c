package io.tierline.escalation.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tierline.contracts.Severity;
import io.tierline.contracts.Tier;
import io.tierline.contracts.events.Responder;
import io.tierline.escalation.policy.EscalationPolicy;
import io.tierline.escalation.policy.EscalationRun;
import io.tierline.escalation.policy.Level;
import io.tierline.escalation.policy.PolicyLookup;
import io.tierline.escalation.policy.Target;
import io.tierline.escalation.policy.TargetResolver;
import io.tierline.escalation.policy.TimerKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RunStateTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final EscalationPolicy POLICY = new EscalationPolicy("core", "Core",
            List.of(Level.of(Duration.ofMinutes(5), new Target.PersonTarget("ana")),
                    Level.of(Duration.ofMinutes(10), new Target.PersonTarget("ben"))), 1);
    private static final TargetResolver RESOLVER = (target, at) ->
            List.of(new Responder(((Target.PersonTarget) target).personId(), null));
    private static final PolicyLookup NONE = tier -> Optional.empty();

    @Test
    void shouldKeepARunAsJsonAndGiveItBackUnchanged() throws Exception {
        Instant start = Instant.parse("2026-11-29T03:00:00.123456Z");
        EscalationRun run = EscalationRun.start(UUID.randomUUID(), Tier.L2, POLICY, Severity.SEV1, start, RESOLVER,
                NONE).run();
        run = run.onTimer(TimerKind.CLIMB, start.plus(Duration.ofMinutes(5)), RESOLVER, NONE).run()
                .acknowledge("ben", start.plus(Duration.ofMinutes(6))).run();

        String kept = JSON.writeValueAsString(RunState.of(run));
        EscalationRun back = JSON.readValue(kept, RunState.class).restore(POLICY);

        assertThat(back).isEqualTo(run);
        assertThat(back.history()).hasSize(2);
        assertThat(back.acknowledgement()).map(EscalationRun.Acknowledgement::by).contains("ben");
    }

    @Test
    void shouldTakeARunToTheLastLevelOfAPolicyThatLostLevels() {
        Instant start = Instant.parse("2026-11-29T03:00:00Z");
        EscalationRun run = EscalationRun.start(UUID.randomUUID(), Tier.L2, POLICY, Severity.SEV1, start, RESOLVER,
                NONE).run();
        run = run.onTimer(TimerKind.CLIMB, start.plus(Duration.ofMinutes(5)), RESOLVER, NONE).run();
        EscalationPolicy shorter = new EscalationPolicy("core", "Core",
                List.of(Level.of(Duration.ofMinutes(5), new Target.PersonTarget("ana"))), 0);

        EscalationRun restored = RunState.of(run).restore(shorter);

        assertThat(restored.level()).isZero();
        assertThat(restored.repeat()).isZero();
    }
}
