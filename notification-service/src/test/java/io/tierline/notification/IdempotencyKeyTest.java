package io.tierline.notification;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tierline.testsupport.TestTokens;
import io.tierline.testsupport.TierlineInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.tierline.notification.Fixtures.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The {@code Idempotency-Key} header is the platform's, so it holds on this service's POSTs too. */
@QuarkusTest
@WithTestResource(TierlineInfrastructure.class)
class IdempotencyKeyTest {

    private static final String ADMIN = TestTokens.bearer("admin", "ada");

    @Test
    void shouldReturnTheFirstAnswerForARetriedContactMethodRegistration() {
        String personId = person("kim");
        String key = UUID.randomUUID().toString();
        String webhook = "{\"type\":\"WEBHOOK\",\"address\":\"https://hooks.example.com/kim\"}";

        Response first = register(personId, key, webhook);
        Response retry = register(personId, key, webhook);

        assertThat(first.statusCode()).isEqualTo(201);
        // without the key, registering it again answers 200 with the existing one; with it, the first answer
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.body().asString()).isEqualTo(first.body().asString());
        given().header("Authorization", ADMIN).get("/api/v1/people/" + personId + "/contact-methods")
                .then().statusCode(200).body("$", hasSize(1));

        register(personId, key, "{\"type\":\"WEBHOOK\",\"address\":\"https://hooks.example.com/kim-2\"}")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/idempotency-key-reused"))
                .body("errors[0].field", equalTo("Idempotency-Key"));
        register(personId, " ", webhook)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key"));
        given().header("Authorization", ADMIN).get("/api/v1/people/" + personId + "/contact-methods")
                .then().statusCode(200).body("$", hasSize(1));
    }

    private static Response register(String personId, String key, String body) {
        return given().header("Authorization", ADMIN).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/v1/people/" + personId + "/contact-methods");
    }
}
