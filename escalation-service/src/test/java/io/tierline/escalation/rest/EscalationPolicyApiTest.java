package io.tierline.escalation.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.Topics;
import io.tierline.contracts.events.ContactMethodsChanged;
import io.tierline.testsupport.KafkaTestClient;
import io.tierline.testsupport.TierlineInfrastructure;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@TestSecurity(user = "ada", roles = {"admin", "agent", "viewer"})
@WithTestResource(TierlineInfrastructure.class)
class EscalationPolicyApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static final String BASE = "/api/v1/escalation-policies";

    static String schedule(String restrictions) {
        return ScheduleApiTest.create("""
                {"name": "Core", "timeZone": "Europe/Berlin",
                 "layers": [{"name": "business-hours",
                             "rotation": {"participants": ["alice", "bob"],
                                          "shiftLength": {"amount": 1, "unit": "WEEKS"}, "start": "2026-01-05T09:00"},
                             "restrictions": [%s]}]}""".formatted(restrictions));
    }

    static String policy(String id, String scheduleId, String delay) {
        return """
                {"id": "%s", "name": "Core default",
                 "levels": [{"targets": [{"type": "schedule", "id": "%s"}], "delay": "%s"},
                            {"targets": [{"type": "person", "id": "carol"}, {"type": "team", "id": "core"}],
                             "delay": "PT10M"}],
                 "repeats": 1,
                 "urgency": {"SEV3": "PAGE_AT_ONCE"},
                 "ackTimeouts": {"SEV1": "PT30M"},
                 "tierMoves": [{"clock": "FIRST_RESPONSE", "alert": "WARNING", "from": "L1", "to": "L2"}]}"""
                .formatted(id, scheduleId, delay);
    }

    static String id() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void shouldCreateReadListEditAndDeleteAPolicy() {
        String scheduleId = schedule("");
        String id = id();
        given().contentType(ContentType.JSON).body(policy(id, scheduleId, "PT5M")).post(BASE)
                .then().statusCode(201)
                .header("Location", containsString(BASE + "/" + id))
                .header("ETag", equalTo("\"0\""))
                .body("id", equalTo(id))
                .body("levels[0].targets[0].type", equalTo("schedule"))
                .body("levels[0].targets[0].id", equalTo(scheduleId))
                .body("levels[0].delay", equalTo("PT5M"))
                .body("levels[1].targets.type", equalTo(List.of("person", "team")))
                .body("repeats", equalTo(1))
                .body("urgency", equalTo(Map.of("SEV1", "PAGE_AT_ONCE", "SEV2", "PAGE_AT_ONCE",
                        "SEV3", "PAGE_AT_ONCE", "SEV4", "ON_SLA_ONLY")))
                .body("ackTimeouts.SEV1", equalTo("PT30M"))
                .body("tierMoves[0].clock", equalTo("FIRST_RESPONSE"))
                .body("tierMoves[0].to", equalTo("L2"));

        given().contentType(ContentType.JSON).body(policy(id, scheduleId, "PT5M")).post(BASE)
                .then().statusCode(409).contentType("application/problem+json").body("errors[0].field", equalTo("id"));
        given().get(BASE + "/" + id).then().statusCode(200).header("ETag", equalTo("\"0\""));
        given().get(BASE + "?limit=500").then().statusCode(200).body("items.id", hasItem(id));

        given().contentType("application/merge-patch+json").body("{\"repeats\":2}").patch(BASE + "/" + id)
                .then().statusCode(428);
        given().contentType("application/merge-patch+json").header("If-Match", "\"3\"").body("{\"repeats\":2}")
                .patch(BASE + "/" + id)
                .then().statusCode(412);
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"repeats\":2,\"ackTimeouts\":{\"SEV1\":null,\"SEV2\":\"PT1H\"}}")
                .patch(BASE + "/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("repeats", equalTo(2))
                .body("ackTimeouts", equalTo(Map.of("SEV2", "PT1H")))
                .body("levels[0].delay", equalTo("PT5M"));
        given().contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body("{\"levels\":[{\"targets\":[{\"type\":\"person\",\"id\":\"dave\"}],\"delay\":\"PT0S\"}]}")
                .patch(BASE + "/" + id)
                .then().statusCode(422).body("errors.field", equalTo(List.of("levels[0].delay")));

        // the schedule is in use while the policy targets it
        given().delete("/api/v1/schedules/" + scheduleId).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString(id));
        given().delete(BASE + "/" + id).then().statusCode(204);
        given().get(BASE + "/" + id).then().statusCode(404);
        given().delete("/api/v1/schedules/" + scheduleId).then().statusCode(204);
    }

    @Test
    void shouldRefuseAPolicyThatCannotRunNamingTheFields() {
        String scheduleId = schedule("");
        given().contentType(ContentType.JSON).body(policy(id(), scheduleId, "PT0S")).post(BASE)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("levels[0].delay")));
        // the test profile's minimum delay is 5 seconds
        given().contentType(ContentType.JSON).body(policy(id(), scheduleId, "PT4S")).post(BASE)
                .then().statusCode(422)
                .body("errors[0].field", equalTo("levels[0].delay"))
                .body("errors[0].message", containsString("PT5S"));
        given().contentType(ContentType.JSON)
                .body(policy(id(), scheduleId, "PT5S").replace("\"repeats\": 1", "\"repeats\": 11")).post(BASE)
                .then().statusCode(422).body("errors.field", equalTo(List.of("repeats")));
        given().contentType(ContentType.JSON).body(policy(id(), UUID.randomUUID().toString(), "PT5M")).post(BASE)
                .then().statusCode(422)
                .body("errors.field", equalTo(List.of("levels[0].targets[0].id")))
                .body("errors[0].message", equalTo("no schedule with this id"));
        given().contentType(ContentType.JSON)
                .body("{\"id\":\"" + id() + "\",\"name\":\"Empty\",\"levels\":[{\"targets\":[],\"delay\":\"PT5M\"}]}")
                .post(BASE)
                .then().statusCode(422).body("errors.field", equalTo(List.of("levels[0].targets")));
        given().contentType(ContentType.JSON).body(policy("Not A Slug", scheduleId, "PT5M")).post(BASE)
                .then().statusCode(400).body("errors[0].field", equalTo("id"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldReportWhenALevelsScheduleLeavesNobodyOnCall() {
        String scheduleId = schedule("""
                {"days": ["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"], "start": "09:00", "end": "17:00"}""");
        String id = id();
        given().contentType(ContentType.JSON).body(policy(id, scheduleId, "PT5M")).post(BASE).then().statusCode(201);
        // notification-service says how people are reached: alice and bob by webhook, carol not at all
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            for (String person : List.of("alice", "bob")) {
                kafka.send(Topics.PEOPLE_EVENTS, CloudEvent.of("/test",
                        new ContactMethodsChanged(person, List.of("WEBHOOK"), Instant.now()), Instant.now()));
            }
            kafka.send(Topics.PEOPLE_EVENTS, CloudEvent.of("/test",
                    new ContactMethodsChanged("carol", List.of(), Instant.now()), Instant.now()));
        }
        // once the three events are in: level 1 reaches its people when on call, level 2 does not reach carol
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<Map<String, Object>> now = given().get(BASE + "/" + id + "/check").jsonPath().getList("gaps");
            assertThat(now).filteredOn(g -> g.get("problem").equals("NO_CONTACT_METHOD"))
                    .extracting(g -> g.get("field")).containsOnly("levels[1].targets[0]");
        });

        Response check = given().queryParam("days", 7).get(BASE + "/" + id + "/check");
        check.then().statusCode(200).body("policyId", equalTo(id)).body("covered", equalTo(false));
        Instant from = Instant.parse(check.path("from"));
        assertThat(Instant.parse(check.path("until"))).isEqualTo(from.plus(Duration.ofDays(7)));
        List<Map<String, Object>> gaps = check.jsonPath().getList("gaps");
        List<Map<String, Object>> scheduleGaps = gaps.stream().filter(g -> g.get("level").equals(0)).toList();
        assertThat(scheduleGaps).isNotEmpty().allSatisfy(gap -> {
            assertThat(gap.get("field")).isEqualTo("levels[0].targets[0]");
            assertThat(gap.get("problem")).isEqualTo("NOBODY_ON_CALL");
            assertThat(gap.get("levelUncovered")).isEqualTo(true);
            assertThat((Map<Object, Object>) gap.get("target")).containsEntry("type", "schedule")
                    .containsEntry("id", scheduleId);
        });
        // every week has a weekend: from Friday 17:00 to Monday 09:00 (64 hours) nobody is on call
        assertThat(scheduleGaps).anySatisfy(gap -> assertThat(Duration.between(Instant.parse((String) gap.get("from")),
                Instant.parse((String) gap.get("until")))).isGreaterThanOrEqualTo(Duration.ofHours(39)));
        // carol cannot be reached, and a team without a schedule (or no such team) reaches nobody: level 2 pages in vain
        assertThat(gaps).anySatisfy(gap -> {
            assertThat(gap.get("field")).isEqualTo("levels[1].targets[0]");
            assertThat(gap.get("problem")).isEqualTo("NO_CONTACT_METHOD");
            assertThat((List<String>) gap.get("people")).containsExactly("carol");
            assertThat(gap.get("levelUncovered")).isEqualTo(true);
        });
        assertThat(gaps).anySatisfy(gap -> {
            assertThat(gap.get("field")).isEqualTo("levels[1].targets[1]");
            assertThat(gap.get("levelUncovered")).isEqualTo(true);
        });

        // carol adds a contact method: level 2 reaches her again
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            kafka.send(Topics.PEOPLE_EVENTS, CloudEvent.of("/test",
                    new ContactMethodsChanged("carol", List.of("WEBHOOK"), Instant.now()), Instant.now()));
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(given().get(BASE + "/" + id + "/check")
                .jsonPath().getList("gaps.problem", String.class)).doesNotContain("NO_CONTACT_METHOD"));
        assertThat(given().get(BASE + "/" + id + "/check").jsonPath().getList("gaps", Map.class))
                .anySatisfy(gap -> {
                    assertThat(gap.get("field")).isEqualTo("levels[1].targets[1]");
                    assertThat(gap.get("levelUncovered")).isEqualTo(false);
                });

        given().queryParam("days", 91).get(BASE + "/" + id + "/check").then().statusCode(400)
                .body("errors[0].field", equalTo("days"));
        given().get(BASE + "/no-such-policy/check").then().statusCode(404);
    }
}
