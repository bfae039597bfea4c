package io.tierline.sla;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tierline.testsupport.TestTokens;
import io.tierline.testsupport.TierlineInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** An operator who wants scrapers to authenticate says so in configuration; health probes stay open. */
@QuarkusTest
@TestProfile(ProtectedMetricsTest.ScrapersAuthenticate.class)
@WithTestResource(TierlineInfrastructure.class)
class ProtectedMetricsTest {

    public static class ScrapersAuthenticate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.auth.permission.scrapers.paths", "/q/metrics,/q/metrics/*",
                    "quarkus.http.auth.permission.scrapers.policy", "authenticated");
        }
    }

    @Test
    void shouldAskScrapersForATokenWhenConfiguredToAndLeaveProbesOpen() {
        given().get("/q/metrics").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("viewer")).get("/q/metrics")
                .then().statusCode(200).body(containsString("jvm_"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }
}
