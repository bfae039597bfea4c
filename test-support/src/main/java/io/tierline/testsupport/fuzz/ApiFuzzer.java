package io.tierline.testsupport.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the running service's OpenAPI document and sends malformed and adversarial requests to every operation
 * (see {@link RequestGenerator}). Every answer must be below 500; a 4xx must be a problem answer
 * ({@code application/problem+json}, except PagerDuty's own format under {@code /integrations/pagerduty}); a request
 * that breaks a rule must be refused; no answer may echo the caller's token; and no table of the service's schema
 * may change. The run is fixed by its seed: {@code -Dtierline.fuzz.seed=N} and {@code -Dtierline.fuzz.requests=N}
 * (per service) choose another.
 */
public final class ApiFuzzer {

    public static final String SEED_PROPERTY = "tierline.fuzz.seed";
    public static final String REQUESTS_PROPERTY = "tierline.fuzz.requests";
    public static final long DEFAULT_SEED = 20261124L;
    public static final int DEFAULT_REQUESTS = 2500;

    private static final Logger LOG = Logger.getLogger(ApiFuzzer.class);
    private static final String OWN_FORMAT_PREFIX = "/integrations/pagerduty";
    private static final int SHOWN_ANSWER = 400;

    private final long seed;
    private final int requests;

    public ApiFuzzer(long seed, int requests) {
        this.seed = seed;
        this.requests = requests;
    }

    /** The default run, or the one {@code -Dtierline.fuzz.seed} and {@code -Dtierline.fuzz.requests} ask for. */
    public static ApiFuzzer configured() {
        return new ApiFuzzer(Long.getLong(SEED_PROPERTY, DEFAULT_SEED), Integer.getInteger(REQUESTS_PROPERTY,
                DEFAULT_REQUESTS));
    }

    /** The running service's parameters and body fields that take text, lists or maps of any size. */
    public static List<String> unboundedInputs() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return InputBounds.unbounded(ApiOperation.read(openApi(client, baseUri())));
    }

    /**
     * @param known values of resources that exist, by parameter name, so the fuzz also reads them and aims refused
     *              writes at them
     */
    public FuzzReport run(Map<String, List<String>> known) {
        Config config = ConfigProvider.getConfig();
        String service = config.getOptionalValue("quarkus.application.name", String.class).orElse("service");
        URI base = baseUri();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<ApiOperation> operations = ApiOperation.read(openApi(client, base));
        DatabaseState database = DatabaseState.ofRunningService();
        Map<String, String> before = database.settled(Duration.ofSeconds(30));

        RequestGenerator generator = new RequestGenerator(seed, new Credentials(), known,
                config.getOptionalValue("tierline.platform.input.max-nesting-depth", Integer.class).orElse(32),
                config.getOptionalValue("tierline.platform.input.max-string-length", Integer.class).orElse(65536));
        Map<String, Map<Integer, Integer>> answers = new LinkedHashMap<>();
        operations.forEach(operation -> answers.put(operation.toString(), new TreeMap<>()));
        List<FuzzReport.Failure> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < requests && !operations.isEmpty(); i++) {
            FuzzRequest request = generator.next(i, operations.get(i % operations.size()));
            Answer answer = send(client, base, request);
            answers.get(request.operation().toString()).merge(answer.status(), 1, Integer::sum);
            String problem = check(request, answer);
            if (problem != null) {
                failures.add(new FuzzReport.Failure(request.describe(), answer.status(),
                        answer.shown(), problem));
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        List<String> changed = DatabaseState.changes(before, database.capture());
        FuzzReport report = new FuzzReport(service, seed, requests,
                operations.stream().map(ApiOperation::toString).toList(), answers, failures, changed, took);
        LOG.info(report.summary());
        return report;
    }

    /** What is wrong with the answer, or null. */
    private static String check(FuzzRequest request, Answer answer) {
        if (answer.error() != null) {
            return "no answer (" + answer.error() + ")";
        }
        int status = answer.status();
        if (status >= 500) {
            return "server error";
        }
        for (String secret : request.secrets()) {
            String signature = secret.substring(secret.lastIndexOf('.') + 1);
            if (answer.body().contains(secret) || (signature.length() >= 16 && answer.body().contains(signature))) {
                return "the answer echoes the caller's token";
            }
        }
        if (status >= 400 && !request.target().startsWith(OWN_FORMAT_PREFIX)) {
            String type = answer.contentType() == null ? "" : answer.contentType();
            if (!type.startsWith("application/problem+json")) {
                return "a " + status + " that is not application/problem+json";
            }
            try {
                JsonNode problem = new ObjectMapper().readTree(answer.body());
                if (problem == null || problem.path("status").asInt() != status || !problem.hasNonNull("title")) {
                    return "a problem answer without its status " + status + " and a title";
                }
            } catch (IOException e) {
                return "a problem answer that is not JSON";
            }
        }
        if (request.mustBeRefused() && status < 400) {
            return "accepted, though the request breaks a rule";
        }
        return null;
    }

    private static Answer send(HttpClient client, URI base, FuzzRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.target()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(header -> builder.header(header.name(), header.value()));
        try {
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    new String(response.body(), StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            return new Answer(0, null, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The service under test, where REST Assured sends its requests. */
    private static URI baseUri() {
        return URI.create(RestAssured.baseURI + ":" + RestAssured.port);
    }

    private static JsonNode openApi(HttpClient client, URI base) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create(base + "/q/openapi?format=json")).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /q/openapi answered " + response.statusCode());
            }
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the OpenAPI document", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Answer(int status, String contentType, String body, String error) {
        String shown() {
            if (error != null) {
                return error;
            }
            return (contentType == null ? "" : contentType + " ") + FuzzRequest.printable(body, SHOWN_ANSWER);
        }
    }
}
