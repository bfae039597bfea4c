package io.tierline.systemtests;

import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One packaged service ({@code <service>/target/quarkus-app/quarkus-run.jar}) running as its own OS process, with
 * its output in {@code target/system-tests/<service>.log}. It can be killed (SIGKILL) and restarted with the same
 * settings on the same port. Every process started here is also killed when the test JVM exits, so a failed or
 * aborted run leaves nothing behind.
 */
public final class ServiceProcess {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<Path> LOGS_STARTED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "system-tests-process-reaper"));
    }

    private final String name;
    private final Path jar;
    private final int port;
    private final List<String> properties;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Process process;

    /**
     * @param properties the {@code -Dkey=value} options for this service (port, broker, database and its own)
     */
    ServiceProcess(String name, Path jar, int port, List<String> properties, Path log) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.properties = List.copyOf(properties);
        this.log = log;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        Process current = process;
        return current == null ? -1 : current.pid();
    }

    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** Launches the process (returns at once; see {@link #awaitReady}). */
    public synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + pid() + ")");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not packaged: " + jar + " does not exist. Build it with "
                    + "`./mvnw -B package -DskipTests -pl " + name + " -am` (or run the whole `./mvnw verify`).");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx192m");
        command.add("-XX:+UseSerialGC");
        // as ./tierline up starts them: many JVMs on a small machine start faster with the C1 compiler only
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+ExitOnOutOfMemoryError");
        properties.forEach(p -> command.add("-D" + p));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(log.getParent());
            // The first start in this JVM starts a fresh log; restarts append, so a crash stays readable.
            boolean first = LOGS_STARTED.add(log);
            Files.writeString(log, "==== " + Instant.now() + " starting " + name + " on port " + port + ": "
                            + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    first ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(log.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // Only the -D options configure the service: no stray QUARKUS_/KAFKA_/TIERLINE_ variables of the shell,
            // nor another key to verify tokens with (MP_JWT_..., SMALLRYE_JWT_...).
            builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_") || key.startsWith("KAFKA_")
                    || key.startsWith("TIERLINE_") || key.startsWith("MP_MESSAGING_") || key.startsWith("MP_JWT_")
                    || key.startsWith("SMALLRYE_JWT_"));
            process = builder.start();
            LIVE.add(process);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /** Waits until {@code GET /q/health/ready} answers 200; fails with the end of the log otherwise. */
    public void awaitReady(Duration timeout) {
        try {
            await(name + " ready at " + baseUrl() + "/q/health/ready")
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(250))
                    .failFast(name + " exited before it was ready", () -> !isAlive())
                    .until(this::ready);
        } catch (ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            String exit = isAlive() ? "still running" : "exit code " + process.exitValue();
            throw new AssertionError(name + " (pid " + pid() + ", " + exit + ") was not ready within " + timeout
                    + ": " + e.getMessage() + "\n--- last lines of " + log + " ---\n" + logTail(60), e);
        }
    }

    private boolean ready() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL, as a crash: no shutdown hooks, no graceful close of consumers or producers. */
    public synchronized void kill() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        appendToLog("==== " + Instant.now() + " SIGKILL " + name + " (pid " + current.pid() + ")");
        current.destroyForcibly();
        waitForExit(current, Duration.ofSeconds(10));
    }

    /** Starts the service again with the same settings and port, and waits until it is ready. */
    public void restart(Duration readyTimeout) {
        kill();
        start();
        awaitReady(readyTimeout);
    }

    /** Graceful stop (SIGTERM), forcibly after a grace period. */
    public synchronized void stop() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroy();
        if (!waitForExit(current, Duration.ofSeconds(15))) {
            current.destroyForcibly();
            waitForExit(current, Duration.ofSeconds(10));
        }
    }

    private static boolean waitForExit(Process process, Duration timeout) {
        try {
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (exited) {
                LIVE.remove(process);
            }
            return exited;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
    }

    /** The last lines of this service's log. */
    public String logTail(int lines) {
        if (!Files.exists(log)) {
            return "(no log yet)";
        }
        List<String> all;
        try {
            // lenient decoding: a log cut in the middle of a character still shows
            all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
        List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
        return String.join("\n", tail);
    }

    private void appendToLog(String line) {
        try {
            Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // only a marker for the reader; the kill matters more
        }
    }

    @Override
    public String toString() {
        return name + "(pid " + pid() + ", " + baseUrl() + ")";
    }
}
