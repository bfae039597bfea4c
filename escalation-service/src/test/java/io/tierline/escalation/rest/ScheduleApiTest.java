package io.tierline.escalation.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tierline.testsupport.TierlineInfrastructure;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@TestSecurity(user = "ada", roles = {"admin", "agent", "viewer"})
@WithTestResource(TierlineInfrastructure.class)
class ScheduleApiTest {

    static final String BASE = "/api/v1/schedules";

    /** A schedule in Europe/Berlin: one daily rotation handing off at {@code start}'s wall-clock time. */
    static String daily(String name, String start, String... people) {
        return """
                {"name": "%s", "timeZone": "Europe/Berlin",
                 "layers": [{"name": "primary",
                             "rotation": {"participants": [%s],
                                          "shiftLength": {"amount": 1, "unit": "DAYS"},
                                          "start": "%s"}}]}"""
                .formatted(name, quoted(people), start);
    }

    static String quoted(String... people) {
        return String.join(",", List.of(people).stream().map(p -> "\"" + p + "\"").toList());
    }

    static String create(String body) {
        return given().contentType(ContentType.JSON).body(body).post(BASE)
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void shouldCreateReadListEditAndDeleteASchedule() {
        Response created = given().contentType(ContentType.JSON)
                .body(daily("Core primary", "2026-11-30T09:00", "alice", "bob")).post(BASE);
        created.then().statusCode(201)
                .header("Location", containsString(BASE + "/"))
                .header("ETag", equalTo("\"0\""))
                .body("name", equalTo("Core primary"))
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("layers[0].rotation.participants", equalTo(List.of("alice", "bob")))
                .body("layers[0].rotation.shiftLength.unit", equalTo("DAYS"))
                .body("layers[0].rotation.start", equalTo("2026-11-30T09:00:00"))
                .body("createdBy", equalTo("ada"));
        String id = created.path("id");

        given().get(BASE + "/" + id).then().statusCode(200).header("ETag", equalTo("\"0\""))
                .body("layers[0].name", equalTo("primary"));
        given().get(BASE + "?limit=500").then().statusCode(200).body("items.id", hasItem(id));

        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"name\":\"Core\",\"overrides\":[{\"person\":\"carol\",\"from\":\"2026-12-01T00:00:00Z\","
                        + "\"to\":\"2026-12-02T00:00:00Z\"}]}")
                .patch(BASE + "/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("name", equalTo("Core"))
                .body("overrides[0].person", equalTo("carol"))
                .body("layers[0].rotation.participants", equalTo(List.of("alice", "bob")));

        given().delete(BASE + "/" + id).then().statusCode(204);
        given().get(BASE + "/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldRequireAndCheckIfMatchOnPatch() {
        String id = create(daily("Guarded", "2026-11-30T09:00", "alice"));
        given().contentType("application/merge-patch+json").body("{\"name\":\"x\"}").patch(BASE + "/" + id)
                .then().statusCode(428).contentType("application/problem+json")
                .body("errors[0].field", equalTo("If-Match"));
        given().contentType("application/merge-patch+json").header("If-Match", "\"7\"").body("{\"name\":\"x\"}")
                .patch(BASE + "/" + id)
                .then().statusCode(412).contentType("application/problem+json");
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"id\":\"x\"}")
                .patch(BASE + "/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("id"));
    }

    @Test
    void shouldRefuseAScheduleThatCannotBeEvaluatedNamingTheFields() {
        given().contentType(ContentType.JSON).body(daily("Nobody", "2026-11-30T09:00")).post(BASE)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("layers[0].rotation.participants"));

        given().contentType(ContentType.JSON)
                .body(daily("Atlantis", "2026-11-30T09:00", "alice").replace("Europe/Berlin", "Atlantis/Capital"))
                .post(BASE)
                .then().statusCode(422)
                .body("errors.field", equalTo(List.of("timeZone")))
                .body("errors[0].message", equalTo("unknown time zone"));

        given().contentType(ContentType.JSON)
                .body(daily("Zero", "2026-11-30T09:00", "alice").replace("\"amount\": 1", "\"amount\": 0"))
                .post(BASE)
                .then().statusCode(422).body("errors.field", equalTo(List.of("layers[0].rotation.shiftLength")));
    }

    @Test
    void shouldRefuseAPatchThatLeavesTheScheduleUnableToBeEvaluated() {
        String id = create(daily("Patched", "2026-11-30T09:00", "alice"));
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"layers\":[{\"name\":\"primary\",\"rotation\":{\"participants\":[],"
                        + "\"shiftLength\":{\"amount\":1,\"unit\":\"WEEKS\"},\"start\":\"2026-11-30T09:00\"}}]}")
                .patch(BASE + "/" + id)
                .then().statusCode(422).body("errors.field", equalTo(List.of("layers[0].rotation.participants")));
        given().get(BASE + "/" + id).then().statusCode(200).header("ETag", equalTo("\"0\""));
    }

    @Test
    void shouldKeepDailyHandoffsAtNineAcrossTheSpringDstChange() {
        // Berlin jumps from 02:00 CET to 03:00 CEST on 2026-03-29: 09:00 is 08:00Z before, 07:00Z after
        String id = create(daily("DST", "2026-03-27T09:00", "alice", "bob"));
        given().queryParam("at", "2026-03-29T06:30:00Z").get(BASE + "/" + id + "/on-call")
                .then().statusCode(200)
                .body("person", equalTo("bob"))
                .body("source", equalTo("primary"))
                .body("shiftStart", equalTo("2026-03-28T08:00:00Z"))
                .body("shiftEnd", equalTo("2026-03-29T07:00:00Z"));
        given().queryParam("at", "2026-03-29T07:00:00Z").get(BASE + "/" + id + "/on-call")
                .then().statusCode(200)
                .body("person", equalTo("alice"))
                .body("shiftStart", equalTo("2026-03-29T07:00:00Z"))
                .body("shiftEnd", equalTo("2026-03-30T07:00:00Z"));
        given().queryParam("at", "2026-03-26T12:00:00Z").get(BASE + "/" + id + "/on-call")
                .then().statusCode(200)
                .body("person", nullValue())
                .body("shiftStart", nullValue());
    }

    @Test
    void shouldHandOffWhenTheClocksJumpIfTheHandoffFallsInTheDstGap() {
        // 02:30 does not exist in Berlin on 2026-03-29: that handoff happens at 03:00 CEST (01:00Z)
        String id = create(daily("Gap", "2026-03-27T02:30", "alice", "bob", "carol"));
        given().queryParam("at", "2026-03-29T00:59:59Z").get(BASE + "/" + id + "/on-call")
                .then().statusCode(200).body("person", equalTo("bob"))
                .body("shiftStart", equalTo("2026-03-28T01:30:00Z"));
        given().queryParam("at", "2026-03-29T01:00:00Z").get(BASE + "/" + id + "/on-call")
                .then().statusCode(200).body("person", equalTo("carol"))
                .body("shiftStart", equalTo("2026-03-29T01:00:00Z"))
                .body("shiftEnd", equalTo("2026-03-30T00:30:00Z"));
    }

    @Test
    void shouldListShiftsThatTileTheRangeWithLayersOverridesAndGaps() {
        String id = create("""
                {"name": "Layered", "timeZone": "Europe/Berlin",
                 "layers": [
                   {"name": "base", "rotation": {"participants": ["alice", "bob"],
                     "shiftLength": {"amount": 1, "unit": "WEEKS"}, "start": "2026-11-30T09:00"},
                    "restrictions": [{"days": ["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"],
                                      "start": "09:00", "end": "17:00"}]},
                   {"name": "nights", "rotation": {"participants": ["nina"],
                     "shiftLength": {"amount": 1, "unit": "DAYS"}, "start": "2026-11-30T22:00"},
                    "restrictions": [{"days": ["TUESDAY"], "start": "22:00", "end": "06:00"}]}],
                 "overrides": [{"person": "carol", "from": "2026-12-02T10:00:00Z", "to": "2026-12-02T12:00:00Z"}]}""");
        Response response = given().queryParam("from", "2026-11-30T00:00:00Z").queryParam("to", "2026-12-03T00:00:00Z")
                .get(BASE + "/" + id + "/shifts");
        response.then().statusCode(200).body("timeZone", equalTo("Europe/Berlin"));
        List<Map<String, String>> shifts = response.jsonPath().getList("shifts");
        assertThat(shifts.get(0).get("start")).isEqualTo("2026-11-30T00:00:00Z");
        assertThat(shifts.get(shifts.size() - 1).get("end")).isEqualTo("2026-12-03T00:00:00Z");
        for (int i = 1; i < shifts.size(); i++) {
            assertThat(shifts.get(i).get("start")).isEqualTo(shifts.get(i - 1).get("end"));
        }
        assertThat(shifts).extracting(s -> s.get("start") + " " + s.get("person")).containsExactly(
                "2026-11-30T00:00:00Z null",
                "2026-11-30T08:00:00Z alice",
                "2026-11-30T16:00:00Z null",
                "2026-12-01T08:00:00Z alice",
                "2026-12-01T16:00:00Z null",
                "2026-12-01T21:00:00Z nina",
                "2026-12-02T05:00:00Z null",
                "2026-12-02T08:00:00Z alice",
                "2026-12-02T10:00:00Z carol",
                "2026-12-02T12:00:00Z alice",
                "2026-12-02T16:00:00Z null");
    }

    @Test
    void shouldRefuseAShiftRangeThatIsEmptyOrTooLong() {
        String id = create(daily("Ranges", "2026-11-30T09:00", "alice"));
        given().queryParam("from", "2026-12-02T00:00:00Z").queryParam("to", "2026-12-01T00:00:00Z")
                .get(BASE + "/" + id + "/shifts")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("to"));
        given().queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2027-01-03T00:00:00Z")
                .get(BASE + "/" + id + "/shifts")
                .then().statusCode(400).body("errors[0].field", equalTo("to"));
        given().queryParam("from", "2026-01-01T00:00:00Z").get(BASE + "/" + id + "/shifts")
                .then().statusCode(200).body("to", equalTo("2026-01-08T00:00:00Z"));
    }

    @Test
    void shouldPublishTheShiftsAsAnICalendarFeed() throws Exception {
        String id = create(daily("Feed", "2020-01-06T09:00", "alice", "bob"));
        String text = given().get(BASE + "/" + id + "/ical")
                .then().statusCode(200)
                .contentType(equalTo("text/calendar; charset=utf-8"))
                .extract().asString();
        Calendar calendar = new CalendarBuilder().build(new StringReader(text));
        List<VEvent> events = calendar.getComponents("VEVENT");
        // 67 days of daily shifts, cut at both ends of the feed
        assertThat(events).hasSizeBetween(67, 68);
        assertThat(events).extracting(e -> e.getSummary().getValue()).contains("On call: alice", "On call: bob");
        String first = events.stream().map(e -> e.getStartDate().get().getValue()).min(String::compareTo)
                .orElseThrow();
        // the feed starts a week back: the first event began at least six days ago (basic format sorts as text)
        assertThat(first).isLessThan(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(Instant.now().minusSeconds(6 * 86_400)));
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownSchedule() {
        given().get(BASE + "/00000000-0000-0000-0000-000000000001/on-call")
                .then().statusCode(404).contentType("application/problem+json").body("title", notNullValue());
        given().get(BASE + "/00000000-0000-0000-0000-000000000001/ical")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
