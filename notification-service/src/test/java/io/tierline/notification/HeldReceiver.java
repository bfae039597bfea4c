package io.tierline.notification;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook that takes its time on cue: its first {@code held} requests wait until the test {@link #release}s them
 * (or a minute passes), then every request is answered 200. Each request is handled on a thread of its own, so a
 * held one never delays the others.
 */
final class HeldReceiver implements AutoCloseable {

    /** One request as it arrived: the page id header, and whether it has been answered yet. */
    static final class Request {
        final String pageId;
        final String body;
        volatile boolean answered;

        Request(String pageId, String body) {
            this.pageId = pageId;
            this.body = body;
        }
    }

    private static final long MAX_HOLD_SECONDS = 60;

    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger toHold;
    private final CountDownLatch released = new CountDownLatch(1);
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpServer server;

    HeldReceiver(int held) {
        this.toHold = new AtomicInteger(held);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the held receiver", e);
        }
        server.createContext("/held", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/held";
    }

    /** Lets the held requests answer. */
    void release() {
        released.countDown();
    }

    List<Request> requests() {
        return List.copyOf(received);
    }

    long answered() {
        return received.stream().filter(r -> r.answered).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Request request = new Request(exchange.getRequestHeaders().getFirst("X-Tierline-Page-Id"),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
            received.add(request);
            if (toHold.getAndDecrement() > 0) {
                released.await(MAX_HOLD_SECONDS, TimeUnit.SECONDS);
            }
            exchange.sendResponseHeaders(200, -1);
            request.answered = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
