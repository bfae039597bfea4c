package io.tierline.notification;

import io.tierline.contracts.Topics;
import io.tierline.contracts.events.ContactMethodsChanged;
import io.tierline.testsupport.KafkaTestClient;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.time.Duration;
import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.tierline.testsupport.TierlineInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static io.tierline.notification.Fixtures.person;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@TestSecurity(user = "tester", roles = {"admin", "agent", "viewer"})
@WithTestResource(TierlineInfrastructure.class)
class ContactMethodApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void shouldRegisterAWebhookOnceAndAnswerTheExistingOneWhenRepeated() {
        String personId = person("kim");
        String body = "{\"type\":\"WEBHOOK\",\"address\":\"https://hooks.example.com/kim\"}";

        String location = given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/people/" + personId + "/contact-methods")
                .then().statusCode(201)
                .body("personId", equalTo(personId))
                .body("type", equalTo("WEBHOOK"))
                .body("address", equalTo("https://hooks.example.com/kim"))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/people/" + personId + "/contact-methods")
                .then().statusCode(200).body("id", equalTo(id));
        given().get(location).then().statusCode(200).body("id", equalTo(id));
        given().get("/api/v1/people/" + personId + "/contact-methods")
                .then().statusCode(200).body("id", equalTo(java.util.List.of(id)));

        given().delete(location).then().statusCode(204);
        given().get("/api/v1/people/" + personId + "/contact-methods").then().statusCode(200).body("$", empty());

        // escalation-service hears of each change (a repeated registration is none): reachable, then not
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(kafka.events(Topics.PEOPLE_EVENTS,
                            e -> e.subject().equals("person:" + personId)).stream()
                    .map(e -> e.payload(ContactMethodsChanged.class).types()).toList())
                    .containsExactly(List.of("WEBHOOK"), List.of()));
        }
    }

    @Test
    void shouldNotRepeatARejectedAddressInTheProblemAnswer() {
        String secret = "ftp://files.example.com/hooks/T0KEN-s3cr3t";
        given().contentType(ContentType.JSON)
                .body("{\"type\":\"WEBHOOK\",\"address\":\"" + secret + "\"}")
                .post("/api/v1/people/" + person("noa") + "/contact-methods")
                .then().statusCode(400).contentType("application/problem+json")
                .body(org.hamcrest.Matchers.not(containsString("s3cr3t")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "/relative/path", "ftp://files.example.com/hook", "mailto:kim@example.com",
            "http://", ""})
    void shouldRejectAContactMethodAddressThatIsNotAnAbsoluteHttpUrl(String address) {
        String personId = person("lee");
        given().contentType(ContentType.JSON)
                .body("{\"type\":\"WEBHOOK\",\"address\":\"" + address + "\"}")
                .post("/api/v1/people/" + personId + "/contact-methods")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem("address"))
                .body("detail", containsString("address"));
        given().get("/api/v1/people/" + personId + "/contact-methods").then().statusCode(200).body("$", empty());
    }

    @Test
    void shouldRejectAnUnknownContactMethodTypeOrAMissingAddress() {
        String personId = person("max");
        given().contentType(ContentType.JSON)
                .body("{\"type\":\"CARRIER_PIGEON\",\"address\":\"https://hooks.example.com/max\"}")
                .post("/api/v1/people/" + personId + "/contact-methods")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("type"));
        given().contentType(ContentType.JSON).body("{\"type\":\"WEBHOOK\"}")
                .post("/api/v1/people/" + personId + "/contact-methods")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("address"));
        given().get("/api/v1/people/" + personId + "/contact-methods").then().statusCode(200).body("$", empty());
    }

    @Test
    void shouldRequireAValidTicketIdToListPages() {
        given().get("/api/v1/pages").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("ticketId"));
        given().queryParam("ticketId", "42").get("/api/v1/pages").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("ticketId"));
        given().queryParam("ticketId", java.util.UUID.randomUUID().toString()).get("/api/v1/pages")
                .then().statusCode(200).body("$", empty());
    }

    @Test
    void shouldRefuseAPersonIdThatCannotBeStoredOrIsTooLongNamingIt() {
        given().urlEncodingEnabled(false).get("/api/v1/people/kim%00/contact-methods")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("personId"))
                .body("errors[0].message", containsString("NUL"));
        given().get("/api/v1/people/" + "k".repeat(201) + "/contact-methods")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("personId"));
        given().get("/api/v1/people/" + "k".repeat(201) + "/contact-methods/" + java.util.UUID.randomUUID())
                .then().statusCode(400).body("errors.field", hasItem("personId"));
    }
}
