package io.tierline.systemtests;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The on-call engineers' phones: records every {@code POST /hooks/{person}} with its body and answers 200. Pages
 * are matched to a ticket by the ticket id appearing in the body, whatever shape notification-service gives it.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One webhook call as it arrived. */
    public record Hook(String person, String body, Instant receivedAt) {

        public boolean mentions(String ticketId) {
            return body.contains(ticketId);
        }

        /** The body as JSON (fails the test if notification-service sent something else). */
        public JsonNode json() {
            try {
                return EventJson.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("webhook body for " + person + " is not JSON: " + body, e);
            }
        }
    }

    private final List<Hook> received = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();
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

    public int port() {
        return server.getAddress().getPort();
    }

    /** Where a person's pages go. */
    public String url(String person) {
        return "http://127.0.0.1:" + port() + "/hooks/" + person;
    }

    public List<Hook> received() {
        return List.copyOf(received);
    }

    /** Every call that mentions the ticket, oldest first. */
    public List<Hook> forTicket(String ticketId) {
        return received.stream().filter(h -> h.mentions(ticketId)).toList();
    }

    public long count(String person, String ticketId) {
        return received.stream().filter(h -> h.person().equals(person) && h.mentions(ticketId)).count();
    }

    /** Requests that were not a POST to {@code /hooks/{person}} (answered 404/405). */
    public List<String> rejected() {
        return List.copyOf(rejected);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            String person = path.substring("/hooks/".length());
            if (!"POST".equals(exchange.getRequestMethod()) || person.isEmpty() || person.contains("/")) {
                rejected.add(exchange.getRequestMethod() + " " + path);
                exchange.sendResponseHeaders("POST".equals(exchange.getRequestMethod()) ? 404 : 405, -1);
                return;
            }
            received.add(new Hook(person, body, Instant.now()));
            byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
