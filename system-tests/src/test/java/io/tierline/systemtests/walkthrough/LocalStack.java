package io.tierline.systemtests.walkthrough;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The stack {@code ./tierline up} runs, driven as a newcomer drives it, with everything it keeps in a state folder of
 * its own ({@code TIERLINE_STATE_DIR}), PostgreSQL on a port where nothing listens (so the embedded one starts) and
 * the local Kafka on free ports. The services, the webhook inbox and their ports are the README's.
 */
public final class LocalStack implements AutoCloseable {

    /** The ports the README's walk-through talks to. */
    public static final List<Integer> README_PORTS = List.of(8081, 8082, 8083, 8084, 8090);

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(6);

    private final Path repo;
    private final Path state;
    private final Path logs;
    private final int databasePort;
    private final int kafkaPort;
    private int commands;

    public LocalStack(Path repo, Path state, Path logs) {
        this.repo = repo;
        this.state = state;
        this.logs = logs;
        this.databasePort = freePort(false);
        this.kafkaPort = freePort(true);
    }

    public Path state() {
        return state;
    }

    public int databasePort() {
        return databasePort;
    }

    /** Fails at once, naming the port, when something already listens where the walk-through will call. */
    public static void requireReadmePortsFree() {
        for (int port : README_PORTS) {
            if (listening(port)) {
                throw new AssertionError("port " + port + " is taken, but the README's walk-through needs it for"
                        + " Tierline: stop what listens there (a stack of your own: ./tierline down) and run again");
            }
        }
    }

    /** Puts this stack's settings into an environment, dropping any the caller's shell carries. */
    public void configure(Map<String, String> environment) {
        environment.keySet().removeIf(key -> key.startsWith("TIERLINE_") || key.equals("KAFKA_BOOTSTRAP_SERVERS"));
        environment.put("TIERLINE_STATE_DIR", state.toString());
        environment.put("TIERLINE_DB_PORT", Integer.toString(databasePort));
        environment.put("TIERLINE_KAFKA_PORT", Integer.toString(kafkaPort));
        // The jars were built by this very build (system-tests runs after every module is packaged).
        environment.put("TIERLINE_SKIP_BUILD", "1");
    }

    /** What {@code ./tierline ARGS} printed and how it ended. */
    public record Outcome(String command, int status, String output) {

        public Outcome requireSuccess() {
            if (status != 0) {
                throw new AssertionError("./tierline " + command + " exited with status " + status + ":\n" + tail(output, 80));
            }
            return this;
        }
    }

    public Outcome tierline(String... args) {
        String command = String.join(" ", args);
        Path log = logs.resolve(String.format("%02d-tierline-%s.log", ++commands, command.replace(' ', '-')));
        List<String> line = new ArrayList<>(List.of("./tierline"));
        line.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(line).directory(repo.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        configure(builder.environment());
        try {
            Files.createDirectories(logs);
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("./tierline " + command + " did not finish within " + COMMAND_TIMEOUT + ":\n"
                        + tail(Files.readString(log, StandardCharsets.UTF_8), 80));
            }
            return new Outcome(command, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running ./tierline " + command, e);
        }
    }

    /** The embedded PostgreSQL's launcher (the JVM ./tierline started), while it runs. */
    public OptionalLong launcherPid() {
        return livePid(state.resolve("run/postgres.pid"));
    }

    /** The postmaster the launcher started, while it runs. */
    public OptionalLong postmasterPid() {
        return livePid(dataDirectory().resolve("postmaster.pid"));
    }

    public Path dataDirectory() {
        return state.resolve("data/postgres");
    }

    public Path binariesDirectory() {
        return state.resolve("postgres-binaries");
    }

    public String log(String process) {
        try {
            Path file = state.resolve("logs/" + process + ".log");
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every process of this stack still alive: all carry the state folder on their command line. */
    public List<ProcessHandle> processes() {
        String marker = state.toString();
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .toList();
    }

    public boolean databaseListening() {
        return listening(databasePort);
    }

    /** {@code ./tierline down}, then SIGKILL for anything of this stack that outlived it. */
    @Override
    public void close() {
        try {
            tierline("down");
        } finally {
            processes().forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static OptionalLong livePid(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return OptionalLong.empty();
            }
            try (Stream<String> lines = Files.lines(pidFile)) {
                long pid = Long.parseLong(lines.findFirst().orElse("").strip());
                return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent()
                        ? OptionalLong.of(pid) : OptionalLong.empty();
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A port nothing listens on (and, for Kafka, whose next port, the controller's, is free too). Chosen below the
     * kernel's ephemeral range (32768 and up), so no outgoing connection of another process can take it between this
     * check and the moment the stack binds it.
     */
    private static int freePort(boolean andNext) {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + random.nextInt(12_000);
            if (!README_PORTS.contains(port) && bindable(port) && (!andNext || bindable(port + 1))) {
                return port;
            }
        }
        throw new IllegalStateException("no free port found");
    }

    /** A single free port below the ephemeral range, for a process a test starts. */
    public static int unusedPort() {
        return freePort(false);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
