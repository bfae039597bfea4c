package io.tierline.notification;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP endpoint standing in for people's webhooks: every hook is a path, records the requests it got and
 * answers the status it was given (200 unless told otherwise). One per test JVM, on a random port.
 */
final class WebhookReceiver {

    record Received(String method, String contentType, JsonObject body) {
    }

    private static WebhookReceiver instance;

    private final HttpServer server;
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();

    private WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    static synchronized WebhookReceiver get() {
        if (instance == null) {
            try {
                instance = new WebhookReceiver();
            } catch (IOException e) {
                throw new IllegalStateException("Could not start the webhook receiver", e);
            }
        }
        return instance;
    }

    /** A new hook answering 200. */
    String hook(String name) {
        return hook(name, 200);
    }

    /** A new hook answering {@code status} to every request. */
    String hook(String name, int status) {
        String path = "/hooks/" + name + "-" + UUID.randomUUID();
        statuses.put(path, status);
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> requests(String url) {
        return List.copyOf(received.getOrDefault(url.substring(url.indexOf("/hooks/")), List.of()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new Received(
                exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"),
                body.isBlank() ? new JsonObject() : new JsonObject(body)));
        exchange.sendResponseHeaders(statuses.getOrDefault(path, 404), -1);
        exchange.close();
    }
}
