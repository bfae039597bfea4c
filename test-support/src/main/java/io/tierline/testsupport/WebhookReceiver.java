package io.tierline.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tierline.contracts.EventJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP endpoint standing in for the on-call engineers' webhooks: records every {@code POST /hooks/{name}}
 * with its body and answers 200, or the status a hook was created with. Pages are matched to a ticket by the
 * ticket id appearing in the body.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One webhook call as it arrived. */
    public record Hook(String person, String path, String method, String contentType, String body,
                       Instant receivedAt) {

        public boolean mentions(String ticketId) {
            return body.contains(ticketId);
        }

        /** The body as JSON (fails the test if it is something else). */
        public JsonNode json() {
            try {
                return EventJson.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("webhook body for " + person + " is not JSON: " + body, e);
            }
        }

        /** One text field of the JSON body, or null. */
        public String field(String name) {
            JsonNode value = json().get(name);
            return value == null || value.isNull() ? null : value.asText();
        }
    }

    private static WebhookReceiver shared;

    private final List<Hook> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpServer server;

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the webhook receiver", e);
        }
        server.createContext("/hooks/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** One receiver for the whole test JVM. */
    public static synchronized WebhookReceiver shared() {
        if (shared == null) {
            shared = new WebhookReceiver();
        }
        return shared;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Where a person's pages go ({@code /hooks/{person}}, answering 200). */
    public String url(String person) {
        return "http://127.0.0.1:" + port() + "/hooks/" + person;
    }

    /** A hook of its own for this person, answering 200; tests sharing a receiver don't see each other's calls. */
    public String hook(String person) {
        return hook(person, 200);
    }

    /** A hook of its own for this person, answering {@code status} to every call. */
    public String hook(String person, int status) {
        String path = "/hooks/" + person + "-" + UUID.randomUUID();
        statuses.put(path, status);
        return "http://127.0.0.1:" + port() + path;
    }

    /** The calls a hook URL received, oldest first. */
    public List<Hook> requests(String url) {
        String path = url.substring(url.indexOf("/hooks/"));
        return received.stream().filter(h -> h.path().equals(path)).toList();
    }

    /** Every call that mentions the ticket, oldest first. */
    public List<Hook> forTicket(String ticketId) {
        return received.stream().filter(h -> h.mentions(ticketId)).toList();
    }

    public long count(String person, String ticketId) {
        return received.stream().filter(h -> h.person().equals(person) && h.mentions(ticketId)).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            String person = path.substring("/hooks/".length());
            if (!"POST".equals(exchange.getRequestMethod()) || person.isEmpty() || person.contains("/")) {
                exchange.sendResponseHeaders("POST".equals(exchange.getRequestMethod()) ? 404 : 405, -1);
                return;
            }
            received.add(new Hook(person, path, exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body, Instant.now()));
            int status = statuses.getOrDefault(path, 200);
            byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
