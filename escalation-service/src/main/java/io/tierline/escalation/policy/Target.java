package io.tierline.escalation.policy;

/**
 * Who a level of an escalation policy pages. Targets name people indirectly (a schedule, a team) because who is on
 * call changes over time: a {@link TargetResolver} turns a target into people at the instant of the page.
 */
public sealed interface Target {

    /** The id the target names, whatever its kind; blank ids are refused by {@link EscalationPolicy#validate}. */
    String id();

    /** The name of the id's field, so that validation errors point at {@code scheduleId}, {@code personId}... */
    String idField();

    /** Whoever is on call on the schedule at the instant of the page. */
    record ScheduleTarget(String scheduleId) implements Target {
        @Override
        public String id() {
            return scheduleId;
        }

        @Override
        public String idField() {
            return "scheduleId";
        }
    }

    /** One named person, whatever the schedules say. */
    record PersonTarget(String personId) implements Target {
        @Override
        public String id() {
            return personId;
        }

        @Override
        public String idField() {
            return "personId";
        }
    }

    /** Whoever is on call on the team's schedule; the team is also what a tier move announces. */
    record TeamTarget(String teamId) implements Target {
        @Override
        public String id() {
            return teamId;
        }

        @Override
        public String idField() {
            return "teamId";
        }
    }
}
