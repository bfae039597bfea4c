package io.tierline.escalation;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.tierline.devtokens.DevTokens;
import io.tierline.platform.security.Roles;
import io.tierline.testsupport.TestTokens;
import io.tierline.testsupport.TierlineInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/**
 * The shared rate limits in a running service: a caller over its limit gets a 429 problem with {@code Retry-After};
 * other callers, unauthenticated requests and the probes are unaffected. (The intakes, which limit per integration key
 * and severity, are tested in ticket-service.)
 */
@QuarkusTest
@TestProfile(RateLimitTest.TinyLimits.class)
@WithTestResource(TierlineInfrastructure.class)
class RateLimitTest {

    /**
     * Three requests per caller at once, a token every 100 s (so no refill happens while the test runs). At NORMAL
     * priority a caller keeps 20 % of its burst (0.6 token) in reserve: two are admitted.
     */
    public static class TinyLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tierline.platform.rate-limit.caller.burst", "3",
                    "tierline.platform.rate-limit.caller.rate", "0.01");
        }
    }

    private static String newCaller() {
        return "caller-" + UUID.randomUUID() + "@tierline.local";
    }

    private static Response teams(String bearer) {
        return given().header("Authorization", bearer).get("/api/v1/teams");
    }

    @Test
    void shouldRefuseACallerOverItsLimitWithAProblemAndRetryAfter() {
        String caller = newCaller();
        String token = TestTokens.bearer(Roles.VIEWER, caller);
        teams(token).then().statusCode(200);
        teams(token).then().statusCode(200);

        Response refused = teams(token);

        refused.then().statusCode(429).contentType("application/problem+json")
                .body("status", equalTo(429))
                .body("type", endsWith("/rate-limited"))
                .body("title", equalTo("Too many requests"))
                .body("instance", equalTo("/api/v1/teams"));
        // one token left, 1.6 needed (a token above the 0.6 reserve): 0.6 short, 60 s at 0.01 per second
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        assertThat(refused.asString()).doesNotContain(caller).doesNotContain(token.substring("Bearer ".length()));
    }

    @Test
    void shouldNotLimitOtherCallers() {
        String flooding = TestTokens.bearer(Roles.VIEWER, newCaller());
        exhaust(flooding);

        teams(TestTokens.bearer(Roles.VIEWER, newCaller())).then().statusCode(200);
        teams(flooding).then().statusCode(429);
    }

    @Test
    void shouldStillAnswerUnauthenticatedRequestsWith401() {
        String untrusted = "Bearer " + DevTokens.generate().issue(Roles.VIEWER);
        for (int i = 0; i < 5; i++) {
            given().get("/api/v1/teams").then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer realm=\"tierline\"");
            teams(untrusted).then().statusCode(401).contentType("application/problem+json");
            teams("Bearer not-a-jwt").then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void shouldNeverLimitHealthOrMetrics() {
        String flooding = TestTokens.bearer(Roles.VIEWER, newCaller());
        exhaust(flooding);

        for (int i = 0; i < 10; i++) {
            given().header("Authorization", flooding).get("/q/health").then().statusCode(200);
            given().get("/q/health").then().statusCode(200);
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("tierline_rate_limit_refused_total\\{[^}]*kind=\"caller\",priority=\"normal\""
                + "[^}]*} [1-9]");
    }

    /** Spends the caller's burst; the refill (a token per 100 s) cannot keep up with these requests. */
    private static void exhaust(String bearer) {
        for (int i = 0; i < 3; i++) {
            if (teams(bearer).statusCode() == 429) {
                return;
            }
        }
        teams(bearer).then().statusCode(429);
    }
}
