package io.tierline.localinfra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The demo destination for pages: a tiny HTTP server that records webhook calls.
 *
 * <ul>
 *   <li>{@code POST /hooks/{person}} with any body (normally JSON): answers 200 and prints one line per page to stdout
 *       (time, person, and the body's {@code title}, {@code ticketId}, {@code pageId}, {@code ackUrl} when present,
 *       else the raw body).</li>
 *   <li>{@code GET /pages} (optionally {@code ?person=NAME}): a JSON array of everything received, oldest first, each
 *       {@code {"person", "receivedAt", "body"}} with the body as parsed JSON, or as a string when it is not JSON.</li>
 *   <li>{@code DELETE /pages}: forgets everything received.</li>
 * </ul>
 *
 * <pre>
 * java -cp "deploy/local-infra/target/lib/*" io.tierline.localinfra.WebhookInbox [--port 8090] [--host 127.0.0.1]
 * </pre>
 * Port: {@code --port}, first argument, env {@code TIERLINE_INBOX_PORT}, default 8090; bind address {@code --host},
 * env {@code TIERLINE_INBOX_HOST}, default 127.0.0.1.
 */
public final class WebhookInbox {

    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final int MAX_PAGES_KEPT = 10_000;
    private static final DateTimeFormatter LINE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String[] SUMMARY_FIELDS = {"title", "ticketId", "pageId", "ackUrl"};

    private final ObjectMapper mapper = new ObjectMapper();
    private final Deque<ObjectNode> pages = new ArrayDeque<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    WebhookInbox(String host, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 64);
        server.createContext("/hooks/", this::handleHook);
        server.createContext("/pages", this::handlePages);
        server.createContext("/", this::handleRoot);
        server.setExecutor(executor);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options.has("help")) {
            System.out.println("usage: WebhookInbox [--port PORT] [--host ADDRESS]");
            return;
        }
        int port = options.getInt("port", 0, "TIERLINE_INBOX_PORT", 8090);
        String host = options.get("host", -1, "TIERLINE_INBOX_HOST", "127.0.0.1");
        WebhookInbox inbox;
        try {
            inbox = new WebhookInbox(host, port);
        } catch (IOException e) {
            System.err.println("WebhookInbox could not listen on " + host + ":" + port + ": " + e);
            System.exit(1);
            return;
        }
        inbox.start();
        String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        System.out.println("WebhookInbox ready on " + base + ": POST " + base + "/hooks/{person}, GET " + base + "/pages");
        System.out.flush();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            inbox.stop();
            System.out.println("WebhookInbox stopped");
            System.out.flush();
            stopped.countDown();
        }, "webhook-inbox-shutdown"));
        stopped.await();
    }

    void start() {
        server.start();
    }

    void stop() {
        server.stop(1);
        executor.shutdownNow();
    }

    private void handleHook(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String rawPerson = path.substring("/hooks/".length());
            if (rawPerson.endsWith("/")) {
                rawPerson = rawPerson.substring(0, rawPerson.length() - 1);
            }
            if (rawPerson.isEmpty() || rawPerson.contains("/")) {
                sendJson(exchange, 404, error("use POST /hooks/{person}"));
                return;
            }
            if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                sendJson(exchange, 405, error("use POST /hooks/{person}"));
                return;
            }
            String person = URLDecoder.decode(rawPerson, StandardCharsets.UTF_8);
            byte[] bytes = readBody(exchange.getRequestBody());
            if (bytes == null) {
                sendJson(exchange, 413, error("body larger than " + MAX_BODY_BYTES + " bytes"));
                return;
            }
            String raw = new String(bytes, StandardCharsets.UTF_8);
            JsonNode body = parseOrNull(raw);

            Instant now = Instant.now();
            ObjectNode page = mapper.createObjectNode();
            page.put("person", person);
            page.put("receivedAt", now.toString());
            if (body != null) {
                page.set("body", body);
            } else {
                page.put("body", raw);
            }
            int count;
            synchronized (pages) {
                pages.addLast(page);
                while (pages.size() > MAX_PAGES_KEPT) {
                    pages.removeFirst();
                }
                count = pages.size();
            }
            printLine(now, person, body, raw);

            ObjectNode answer = mapper.createObjectNode();
            answer.put("received", true);
            answer.put("person", person);
            answer.put("receivedAt", now.toString());
            answer.put("pagesStored", count);
            sendJson(exchange, 200, answer);
        }
    }

    private void handlePages(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/pages") && !path.equals("/pages/")) {
                sendJson(exchange, 404, error("not found; try GET /pages"));
                return;
            }
            String method = exchange.getRequestMethod().toUpperCase();
            if (method.equals("DELETE")) {
                synchronized (pages) {
                    pages.clear();
                }
                System.out.println(LocalDateTime.now().format(LINE_TIME) + " inbox cleared");
                System.out.flush();
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD, DELETE");
                sendJson(exchange, 405, error("use GET /pages"));
                return;
            }
            String personFilter = queryParameter(exchange.getRequestURI().getRawQuery(), "person");
            List<ObjectNode> snapshot;
            synchronized (pages) {
                snapshot = new ArrayList<>(pages);
            }
            ArrayNode array = mapper.createArrayNode();
            for (ObjectNode page : snapshot) {
                if (personFilter == null || personFilter.equals(page.get("person").asText())) {
                    array.add(page);
                }
            }
            sendJson(exchange, 200, array);
        }
    }

    private void handleRoot(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/")) {
                sendJson(exchange, 404, error("not found; POST /hooks/{person} or GET /pages"));
                return;
            }
            String text = "Tierline webhook inbox\n"
                    + "  POST /hooks/{person}   record a page (any JSON body)\n"
                    + "  GET  /pages            everything received, as JSON (?person=NAME to filter)\n"
                    + "  DELETE /pages          forget everything received\n";
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private void printLine(Instant when, String person, JsonNode body, String raw) {
        StringBuilder line = new StringBuilder();
        line.append(LocalDateTime.ofInstant(when, ZoneId.systemDefault()).format(LINE_TIME))
                .append("  PAGE  ").append(person).append("  ");
        boolean any = false;
        if (body != null && body.isObject()) {
            for (String field : SUMMARY_FIELDS) {
                JsonNode value = body.get(field);
                if (value != null && !value.isNull()) {
                    line.append(any ? " " : "").append(field).append('=');
                    line.append(value.isTextual() && !field.equals("title") ? value.asText() : value.toString());
                    any = true;
                }
            }
        }
        if (!any) {
            String flat = raw.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
            line.append(flat.length() > 500 ? flat.substring(0, 500) + "..." : flat);
        }
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }

    private JsonNode parseOrNull(String raw) {
        if (raw.isBlank()) {
            return null;
        }
        try {
            return mapper.readTree(raw);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private ObjectNode error(String message) {
        ObjectNode node = mapper.createObjectNode();
        node.put("error", message);
        return node;
    }

    private void sendJson(HttpExchange exchange, int status, JsonNode json) throws IOException {
        byte[] bytes = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        return bytes.length > MAX_BODY_BYTES ? null : bytes;
    }

    private static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
