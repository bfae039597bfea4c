package io.tierline.notification;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tierline.testsupport.TestTokens;
import io.tierline.testsupport.TierlineInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.restassured.RestAssured.given;
import static io.tierline.notification.Fixtures.person;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** A contact method's address may carry a secret: only admins read it in full. */
@QuarkusTest
@WithTestResource(TierlineInfrastructure.class)
class ContactMethodVisibilityTest {

    private static final String SECRET_ADDRESS =
            "https://hooks.example.com:8443/services/T0/B0/pathS3cr3t?token=queryS3cr3t";

    @ParameterizedTest
    @ValueSource(strings = {"viewer", "agent"})
    void shouldShowANonAdminOnlyTheSchemeHostAndPortOfAnAddress(String role) {
        String personId = person("sam");
        String location = register(personId);

        given().header("Authorization", TestTokens.bearer(role)).get("/api/v1/people/" + personId + "/contact-methods")
                .then().statusCode(200)
                .body("address", equalTo(List.of("https://hooks.example.com:8443/…")))
                .body(not(containsString("S3cr3t")));
        given().header("Authorization", TestTokens.bearer(role)).get(location)
                .then().statusCode(200)
                .body("address", equalTo("https://hooks.example.com:8443/…"))
                .body(not(containsString("S3cr3t")));
    }

    @Test
    void shouldShowAnAdminTheFullAddress() {
        String role = "admin";
        String personId = person("ada");
        String location = register(personId);

        given().header("Authorization", TestTokens.bearer(role)).get("/api/v1/people/" + personId + "/contact-methods")
                .then().statusCode(200).body("address", equalTo(List.of(SECRET_ADDRESS)));
        given().header("Authorization", TestTokens.bearer(role)).get(location)
                .then().statusCode(200).body("address", equalTo(SECRET_ADDRESS));
    }

    @Test
    void shouldSayInTheApiDocumentThatTheAddressIsRedactedForNonAdmins() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.schemas.ContactMethodView.properties.address.description",
                        containsString("admins only"));
    }

    private static String register(String personId) {
        return given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                .body("{\"type\":\"WEBHOOK\",\"address\":\"" + SECRET_ADDRESS + "\"}")
                .post("/api/v1/people/" + personId + "/contact-methods")
                .then().statusCode(201).body("address", equalTo(SECRET_ADDRESS))
                .extract().header("Location");
    }
}
