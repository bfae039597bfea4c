package io.tierline.testsupport;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Reads the running service's OpenAPI document and proves every operation is protected: it declares the roles
 * allowed to call it, answers 401 without credentials, with a token nobody trusts, with a trusted token meant for
 * another audience, with a trusted token's claims signed with HS256 keyed by the public key and with a trusted token
 * issued for longer than {@code smallrye.jwt.time-to-live} allows, 403 to a role it does not allow, and lets the
 * roles it allows through. An operation that forgets its roles fails the build. An operation whose credential
 * travels in its body (marked with {@link #CREDENTIAL_EXTENSION}) must refuse every caller that does not present
 * it, whatever bearer token they carry.
 */
public final class EndpointProtection {

    public static final List<String> ROLES = List.of("admin", "agent", "viewer", "integration", "customer");
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    /**
     * The OpenAPI extension an operation carries when its credential is not a bearer token but an integration key
     * in its body (the PagerDuty intake's {@code routing_key}); its value names the field.
     */
    public static final String CREDENTIAL_EXTENSION = "x-tierline-credential";

    /**
     * @param credential the body field holding the operation's credential, for operations that take no bearer
     *                   token; null for the others
     */
    public record Operation(String method, String path, Set<String> roles, String credential) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + path + " " + (credential != null ? "[" + credential + "]" : roles);
        }
    }

    /** Every operation of the service's API, with the roles its OpenAPI document says may call it. */
    public static List<Operation> operations() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((path, item) -> {
            for (String method : METHODS) {
                if (!item.containsKey(method)) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> operation = (Map<String, Object>) item.get(method);
                Set<String> roles = new LinkedHashSet<>();
                Object security = operation.get("security");
                if (security instanceof List<?> requirements) {
                    for (Object requirement : requirements) {
                        ((Map<?, ?>) requirement).values().forEach(scopes ->
                                ((List<?>) scopes).forEach(scope -> roles.add(String.valueOf(scope))));
                    }
                }
                Object credential = operation.get(CREDENTIAL_EXTENSION);
                operations.add(new Operation(method, path, roles, credential == null ? null : credential.toString()));
            }
        });
        return operations;
    }

    /** The problems found, one line each; empty when every operation is protected. */
    public static List<String> violations() {
        List<String> problems = new ArrayList<>();
        Optional<Long> longestLifetime = ConfigProvider.getConfig()
                .getOptionalValue("smallrye.jwt.time-to-live", Long.class);
        List<Operation> operations = operations();
        if (operations.isEmpty()) {
            problems.add("the OpenAPI document lists no operations");
        }
        for (Operation operation : operations) {
            if (operation.credential() != null) {
                // its own credential in the body: without it, no bearer token of any role gets in
                expect(problems, operation, "no credentials", request(operation, null), 401);
                for (String role : ROLES) {
                    expect(problems, operation, "role " + role + " without its " + operation.credential(),
                            request(operation, TestTokens.forRole(role)), 401);
                }
                continue;
            }
            if (operation.roles().isEmpty()) {
                problems.add(operation + ": declares no roles (@RolesAllowed missing)");
                continue;
            }
            expect(problems, operation, "no credentials", request(operation, null), 401);
            expect(problems, operation, "untrusted token", request(operation, TestTokensAccess.untrusted("admin")),
                    401);
            expect(problems, operation, "token for another audience",
                    request(operation, TestTokens.forAudience("admin", "another-application")), 401);
            expect(problems, operation, "token signed with HS256 keyed by the public key",
                    request(operation, TestTokens.keyConfusion("admin")), 401);
            if (longestLifetime.isPresent()) {
                expect(problems, operation, "token issued for longer than " + longestLifetime.get() + " s",
                        request(operation, TestTokens.issuedFor("admin",
                                Duration.ofSeconds(longestLifetime.get()).plusHours(1))), 401);
            }
            for (String role : ROLES) {
                int status = request(operation, TestTokens.forRole(role));
                if (!operation.roles().contains(role)) {
                    expect(problems, operation, "role " + role, status, 403);
                } else if (status == 401 || status == 403) {
                    problems.add(operation + " as role " + role + ": refused with " + status + " though allowed");
                }
            }
        }
        return problems;
    }

    private static void expect(List<String> problems, Operation operation, String as, int status, int expected) {
        if (status != expected) {
            problems.add(operation + " as " + as + ": expected " + expected + " but got " + status);
        }
    }

    private static int request(Operation operation, String token) {
        String path = operation.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        RequestSpecification request = given().redirects().follow(false);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (!operation.method().equals("get") && !operation.method().equals("delete")) {
            request.contentType(ContentType.JSON).body("{}");
        }
        return request.request(operation.method().toUpperCase(), path).statusCode();
    }

    /** Indirection so the untrusted key is made once per check, not per request. */
    private static final class TestTokensAccess {
        private static final io.tierline.devtokens.DevTokens STRANGER = io.tierline.devtokens.DevTokens.generate();

        static String untrusted(String role) {
            return STRANGER.issue(role);
        }
    }

    private EndpointProtection() {
    }
}
