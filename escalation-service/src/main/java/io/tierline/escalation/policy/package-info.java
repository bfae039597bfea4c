/**
 * Escalation policies and the stepping of one ticket's escalation through them, as plain Java: no Quarkus, database
 * or Kafka, so that every rule can be tested (and replayed) as a pure function of its inputs.
 *
 * <ul>
 *   <li>{@link io.tierline.escalation.policy.EscalationPolicy}: levels of targets with delays, repeats, urgency and
 *   ack timeouts per severity, SLA rules that move a ticket up a tier; validated into field errors.</li>
 *   <li>{@link io.tierline.escalation.policy.EscalationRun}: the immutable state of one ticket's escalation; each
 *   transition answers the next state and the {@link io.tierline.escalation.policy.Effect}s to carry out.</li>
 *   <li>{@link io.tierline.escalation.policy.OnCallGaps}: where and when a policy's levels reach nobody.</li>
 * </ul>
 *
 * <p>Dedup: a person is paged at most once per {@link io.tierline.escalation.policy.PageKey} (ticket, tier, repeat,
 * level, cause, occurrence). Positions of a climb are never revisited (levels and repeats only go forward, tiers only
 * go up), so each new position pages its people, while a redelivered event or timer pages nobody.
 */
package io.tierline.escalation.policy;
