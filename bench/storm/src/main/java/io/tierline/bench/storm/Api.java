package io.tierline.bench.storm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/** Blocking calls for the setup (admin API, readiness): a JSON body in, the status and JSON answer out. */
final class Api {

    record Answer(int status, JsonNode body, String text) {
    }

    private final HttpClient client;
    private final ObjectMapper json;

    Api(HttpClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    Answer call(String method, URI base, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = null;
            String text = response.body();
            if (text != null && !text.isBlank() && (text.startsWith("{") || text.startsWith("["))) {
                try {
                    parsed = json.readTree(text);
                } catch (IOException ignored) {
                    // kept as text
                }
            }
            return new Answer(response.statusCode(), parsed, text);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + base.resolve(path) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The call, which must answer one of {@code expected}; otherwise a failure naming the call and its answer. */
    Answer expect(String method, URI base, String path, String token, Object body, int... expected) {
        Answer answer = call(method, base, path, token, body);
        if (Arrays.stream(expected).noneMatch(s -> s == answer.status())) {
            String hint = answer.status() == 401
                    ? " (the token was refused: were these services started by ./tierline up from this checkout, with"
                    + " the same .tierline/keys?)" : "";
            throw new IllegalStateException(method + " " + base.resolve(path) + " answered HTTP " + answer.status()
                    + hint + ": " + abbreviate(answer.text()));
        }
        return answer;
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }
}
