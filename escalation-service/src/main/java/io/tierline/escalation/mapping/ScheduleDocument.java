package io.tierline.escalation.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tierline.escalation.schedule.FieldError;
import io.tierline.escalation.schedule.Layer;
import io.tierline.escalation.schedule.Restriction;
import io.tierline.escalation.schedule.Rotation;
import io.tierline.escalation.schedule.Schedule;
import io.tierline.escalation.schedule.ScheduleOverride;
import io.tierline.escalation.schedule.ShiftLength;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;

/**
 * The JSON shape of an on-call schedule, as the API takes it and as the {@code schedule.document} column stores its
 * layers and overrides, and its translation to the engine's {@link Schedule}.
 *
 * <p>Bean Validation bounds sizes only (a 400); whether the schedule can be evaluated (a rotation without
 * participants, an unknown zone, an override that ends before it starts) is the engine's {@link Schedule#problems}
 * (a 422), whose field paths are renamed to the JSON's: {@code zone} is {@code timeZone}, a rotation's
 * {@code length} its {@code shiftLength}.
 */
public final class ScheduleDocument {

    public static final int MAX_NAME = 200;
    public static final int MAX_ZONE = 64;
    public static final int MAX_LAYERS = 20;
    public static final int MAX_PARTICIPANTS = 100;
    public static final int MAX_PERSON = 200;
    public static final int MAX_RESTRICTIONS = 50;
    public static final int MAX_OVERRIDES = 500;

    private ScheduleDocument() {
    }

    @Schema(description = "An on-call schedule: layers of rotations (lowest first; the highest layer on duty at an"
            + " instant decides who is on call) and overrides (the latest listed wins), in one time zone.")
    public record ScheduleDefinition(
            @NotBlank @Size(max = MAX_NAME) String name,
            @Size(max = MAX_ZONE) @Schema(description = "IANA time zone of every wall-clock time of the schedule",
                    examples = "Europe/Berlin") String timeZone,
            @Size(max = MAX_LAYERS) List<@Valid LayerDefinition> layers,
            @Size(max = MAX_OVERRIDES) List<@Valid OverrideDefinition> overrides) {

        /** The stored part: what the {@code document} column holds. */
        public Stored stored() {
            return new Stored(layers, overrides);
        }
    }

    @Schema(description = "A rotation and the weekly windows it is on duty (none: always, from its first handoff)")
    public record LayerDefinition(
            @Size(max = MAX_NAME) String name,
            @Valid RotationDefinition rotation,
            @Size(max = MAX_RESTRICTIONS) List<@Valid RestrictionDefinition> restrictions) {
    }

    @Schema(description = "Participants taking turns in order, the first from start. Handoffs stay at the wall-clock"
            + " time of start in the schedule's zone across DST; one inside a DST gap happens when the clocks jump.")
    public record RotationDefinition(
            @Size(max = MAX_PARTICIPANTS) List<@Size(max = MAX_PERSON) String> participants,
            @Valid ShiftLengthDefinition shiftLength,
            @Schema(description = "Local date and time of the first handoff, without zone", type =
                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                    format = "date-time", examples = "2026-11-30T09:00") LocalDateTime start) {
    }

    @Schema(description = "How long one turn lasts: 1 to 8784 hours, 366 days or 52 weeks")
    public record ShiftLengthDefinition(Integer amount, ShiftLength.Unit unit) {
    }

    @Schema(description = "On each of the days, from start to end (local times). An end not after start runs to the"
            + " next day (22:00-06:00 is a night); end equal to start is 24 hours (00:00-00:00 is a whole day).")
    public record RestrictionDefinition(
            @Size(max = 7) List<DayOfWeek> days,
            @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "time",
                    examples = "09:00") LocalTime start,
            @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "time",
                    examples = "17:00") LocalTime end) {
    }

    @Schema(description = "person is on call from (inclusive) to (exclusive) instead of whoever the layers give")
    public record OverrideDefinition(@Size(max = MAX_PERSON) String person, Instant from, Instant to) {
    }

    /** What the {@code schedule.document} column holds. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Stored(List<LayerDefinition> layers, List<OverrideDefinition> overrides) {
    }

    /** Everything that keeps the schedule from being evaluated, by JSON field path; empty when it can be. */
    public static List<FieldError> problems(ScheduleDefinition definition) {
        List<FieldError> errors = Schedule.problems(definition.timeZone(), layers(definition.layers()),
                overrides(definition.overrides()));
        return errors.stream().map(e -> new FieldError(jsonPath(e.field()), e.message())).toList();
    }

    /** The engine's schedule; only for a definition without {@link #problems}. */
    public static Schedule schedule(String timeZone, Stored stored) {
        return new Schedule(Schedule.zone(timeZone).orElseThrow(() -> new IllegalStateException(
                "stored schedule has an unknown zone " + timeZone)), layers(stored.layers()),
                overrides(stored.overrides()));
    }

    static String jsonPath(String enginePath) {
        if (enginePath.equals("zone")) {
            return "timeZone";
        }
        return enginePath.replaceAll("\\.rotation\\.length\\b", ".rotation.shiftLength");
    }

    private static List<Layer> layers(List<LayerDefinition> layers) {
        return map(layers, l -> new Layer(l.name(), rotation(l.rotation()), map(l.restrictions(),
                r -> new Restriction(r.days() == null ? null : new HashSet<>(r.days()), r.start(), r.end()))));
    }

    private static Rotation rotation(RotationDefinition rotation) {
        if (rotation == null) {
            return null;
        }
        ShiftLengthDefinition length = rotation.shiftLength();
        return new Rotation(rotation.participants(), length == null ? null
                : new ShiftLength(length.amount() == null ? 0 : length.amount(), length.unit()), rotation.start());
    }

    private static List<ScheduleOverride> overrides(List<OverrideDefinition> overrides) {
        return map(overrides, o -> new ScheduleOverride(o.person(), o.from(), o.to()));
    }

    /** Maps the items, keeping nulls (which the engine names); null for a null list. */
    private static <A, B> List<B> map(List<A> items, Function<A, B> mapping) {
        if (items == null) {
            return null;
        }
        List<B> mapped = new ArrayList<>(items.size());
        for (A item : items) {
            mapped.add(item == null ? null : mapping.apply(item));
        }
        return mapped;
    }
}
