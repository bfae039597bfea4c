package io.tierline.bench.storm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Prometheus Alertmanager (Debian's prometheus-alertmanager), started by the bench as its own process, single node
 * (no cluster: no gossip settling), storage in a fresh temporary folder, every alert routed to the bench's receiver in
 * a group of its own ({@code group_by: ['...']}) with {@code group_wait: 0s}: a new alert is notified as soon as the
 * dispatcher sees it. {@code group_interval} and {@code repeat_interval} are long, so a firing alert is notified once.
 */
final class AlertmanagerPeer implements AutoCloseable {

    static String configuration(String receiverUrl) {
        return """
                # written by the storm bench for one run
                route:
                  receiver: storm-bench
                  group_by: ['...']
                  group_wait: 0s
                  group_interval: 5m
                  repeat_interval: 24h
                receivers:
                  - name: storm-bench
                    webhook_configs:
                      - url: %s
                        send_resolved: false
                """.formatted(receiverUrl);
    }

    final URI base;
    final Path folder;
    final Path log;
    private final Process process;

    private AlertmanagerPeer(URI base, Path folder, Path log, Process process) {
        this.base = base;
        this.folder = folder;
        this.log = log;
        this.process = process;
    }

    static AlertmanagerPeer start(String binary, int port, String receiverUrl, HttpClient client) throws IOException {
        if (!Files.isExecutable(Path.of(binary))) {
            throw new IllegalStateException(binary + " is not there: apt-get install -y prometheus-alertmanager "
                    + "(or STORM_ALERTMANAGER=off for Tierline alone)");
        }
        Path folder = Files.createTempDirectory("storm-alertmanager-");
        Path config = folder.resolve("alertmanager.yml");
        Files.writeString(config, configuration(receiverUrl));
        Path log = folder.resolve("alertmanager.log");
        Process process = new ProcessBuilder(binary, "--config.file=" + config,
                "--storage.path=" + folder.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AlertmanagerPeer peer = new AlertmanagerPeer(URI.create("http://127.0.0.1:" + port), folder, log, process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (!process.isAlive()) {
                String tail = Files.readString(log);
                peer.close();
                throw new IllegalStateException("alertmanager exited (" + process.exitValue() + "): " + tail);
            }
            try {
                HttpResponse<Void> ready = client.send(HttpRequest.newBuilder(peer.base.resolve("/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return peer;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                peer.close();
                throw new IllegalStateException("interrupted");
            }
            if (System.nanoTime() > deadline) {
                peer.close();
                throw new IllegalStateException("alertmanager not ready after 30 s; log " + log);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    long pid() {
        return process.pid();
    }

    /** POST /api/v2/alerts with one alert: the bench's labels say run, tag and key; severity critical. */
    HttpRequest alert(String run, String tag, int key) {
        String body = "[{\"labels\":{\"alertname\":\"StormBench\",\"storm_run\":\"" + run + "\",\"storm_tag\":\"" + tag
                + "\",\"seq\":\"" + key + "\",\"severity\":\"critical\"},\"annotations\":{\"summary\":\"storm " + run
                + " " + tag + "#" + key + "\"}}]";
        return HttpRequest.newBuilder(base.resolve("/api/v2/alerts")).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Override
    public synchronized void close() {
        if (!process.isAlive() && !Files.exists(folder)) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary folder left behind
        }
    }

    static List<String> describe(String binary) {
        try {
            Process version = new ProcessBuilder(binary, "--version").redirectErrorStream(true).start();
            String out = new String(version.getInputStream().readAllBytes());
            version.waitFor(5, TimeUnit.SECONDS);
            return out.lines().limit(1).toList();
        } catch (IOException | InterruptedException e) {
            return List.of("(version unknown)");
        }
    }
}
