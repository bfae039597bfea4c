package io.tierline.escalation.policy;

import io.tierline.contracts.events.Responder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Finds the holes in a policy's coverage before a ticket falls into them: the times at which a level's target
 * resolves to nobody, or to people notification-service cannot reach (no contact method). A run skips a level that
 * resolves to nobody, so such a hole silently shortens the escalation; this is how administrators see it coming.
 *
 * <p>Coverage can only change when a target's resolution changes, so each level is checked at {@code from} and at
 * every change {@link TargetResolver#changesBetween} reports for any of its targets (handoffs, overrides).
 */
public final class OnCallGaps {

    public enum Problem {
        /** The target names nobody: an empty schedule slot, a team with nobody on call. */
        NOBODY_ON_CALL,
        /** The target names people of whom some (listed) have no contact method: their pages would go nowhere. */
        NO_CONTACT_METHOD
    }

    /**
     * A target of a level with a problem over {@code [from, until)}.
     *
     * @param level          0-based index of the level, as in {@code levels[i]}
     * @param targetIndex    0-based index of the target within the level
     * @param people         ids of the unreachable people ({@link Problem#NO_CONTACT_METHOD}); empty otherwise
     * @param levelUncovered whether the whole level reaches nobody meanwhile (no other target makes up for it)
     */
    public record Gap(int level, int targetIndex, Target target, Problem problem, List<String> people,
                      boolean levelUncovered, Instant from, Instant until) {
        public Gap {
            people = List.copyOf(people);
        }
    }

    private OnCallGaps() {
    }

    /** Every gap of the policy's levels from {@code from} for {@code days} days, by level, target and time. */
    public static List<Gap> find(EscalationPolicy policy, TargetResolver resolver, Predicate<String> hasContactMethod,
                                 Instant from, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
        Instant to = from.plus(Duration.ofDays(days));
        List<Gap> gaps = new ArrayList<>();
        for (int i = 0; i < policy.levels().size(); i++) {
            gaps.addAll(levelGaps(i, policy.level(i), resolver, hasContactMethod, from, to));
        }
        return List.copyOf(gaps);
    }

    private static List<Gap> levelGaps(int levelIndex, Level level, TargetResolver resolver,
                                       Predicate<String> hasContactMethod, Instant from, Instant to) {
        TreeSet<Instant> samples = new TreeSet<>();
        samples.add(from);
        for (Target target : level.targets()) {
            for (Instant change : resolver.changesBetween(target, from, to)) {
                if (change != null && change.isAfter(from) && change.isBefore(to)) {
                    samples.add(change);
                }
            }
        }
        List<Target> targets = level.targets();
        Gap[] open = new Gap[targets.size()];
        List<Gap> gaps = new ArrayList<>();
        for (Instant at : samples) {
            Instant until = Objects.requireNonNullElse(samples.higher(at), to);
            List<List<Responder>> resolved = targets.stream().map(t -> people(resolver, t, at)).toList();
            boolean uncovered = resolved.stream().flatMap(List::stream).noneMatch(r -> hasContactMethod.test(r.id()));
            for (int j = 0; j < targets.size(); j++) {
                Gap gap = gapOf(levelIndex, j, targets.get(j), resolved.get(j), hasContactMethod, uncovered, at, until);
                if (open[j] != null && (gap == null || !sameProblem(open[j], gap))) {
                    gaps.add(open[j]);
                    open[j] = null;
                }
                if (gap != null) {
                    open[j] = open[j] == null ? gap : new Gap(levelIndex, j, gap.target(), gap.problem(),
                            gap.people(), uncovered, open[j].from(), until);
                }
            }
        }
        for (Gap gap : open) {
            if (gap != null) {
                gaps.add(gap);
            }
        }
        gaps.sort((a, b) -> a.targetIndex() != b.targetIndex() ? Integer.compare(a.targetIndex(), b.targetIndex())
                : a.from().compareTo(b.from()));
        return gaps;
    }

    private static List<Responder> people(TargetResolver resolver, Target target, Instant at) {
        List<Responder> people = resolver.resolve(target, at);
        return people == null ? List.of() : people.stream().filter(r -> r != null && r.id() != null).toList();
    }

    private static Gap gapOf(int level, int index, Target target, List<Responder> people,
                             Predicate<String> hasContactMethod, boolean uncovered, Instant at, Instant until) {
        if (people.isEmpty()) {
            return new Gap(level, index, target, Problem.NOBODY_ON_CALL, List.of(), uncovered, at, until);
        }
        List<String> unreachable = people.stream().map(Responder::id).filter(hasContactMethod.negate()).distinct()
                .toList();
        return unreachable.isEmpty() ? null
                : new Gap(level, index, target, Problem.NO_CONTACT_METHOD, unreachable, uncovered, at, until);
    }

    private static boolean sameProblem(Gap a, Gap b) {
        return a.problem() == b.problem() && a.people().equals(b.people()) && a.levelUncovered() == b.levelUncovered();
    }
}
