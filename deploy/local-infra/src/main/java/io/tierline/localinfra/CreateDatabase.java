package io.tierline.localinfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Creates a PostgreSQL database if it does not exist yet.
 *
 * <pre>
 * java -cp "deploy/local-infra/target/lib/*" io.tierline.localinfra.CreateDatabase \
 *     [--host 127.0.0.1] [--port 5432] [--user postgres] [--password ''] [--database] tierline
 * </pre>
 *
 * Each option falls back to env {@code TIERLINE_DB_HOST}, {@code TIERLINE_DB_PORT}, {@code TIERLINE_DB_USER},
 * {@code TIERLINE_DB_PASSWORD}, {@code TIERLINE_DB_NAME}. Connects to the {@code postgres} database (retrying for up
 * to {@code --wait-seconds}, default 30, while the server is starting), then runs {@code CREATE DATABASE} when needed.
 * Exit code 0 when the database exists afterwards, 1 on a failure (with the reason on stderr), 2 on bad arguments.
 */
public final class CreateDatabase {

    private CreateDatabase() {
    }

    public static void main(String[] args) {
        String host;
        int port;
        String user;
        String password;
        String database;
        int waitSeconds;
        try {
            Options options = Options.parse(args);
            if (options.has("help")) {
                System.out.println("usage: CreateDatabase [--host H] [--port P] [--user U] [--password PW] [--wait-seconds S] [--database] NAME");
                return;
            }
            host = options.get("host", -1, "TIERLINE_DB_HOST", "127.0.0.1");
            port = options.getInt("port", -1, "TIERLINE_DB_PORT", 5432);
            user = options.get("user", -1, "TIERLINE_DB_USER", "postgres");
            password = options.get("password", -1, "TIERLINE_DB_PASSWORD", "");
            database = options.get("database", 0, "TIERLINE_DB_NAME", null);
            waitSeconds = options.getInt("wait-seconds", -1, null, 30);
            if (database == null || database.isBlank()) {
                throw new IllegalArgumentException("no database name given (argument, --database or TIERLINE_DB_NAME)");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("CreateDatabase: " + e.getMessage());
            System.exit(2);
            return;
        }

        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try {
            boolean created = createIfMissing(url, user, password, database, waitSeconds);
            System.out.printf("Database '%s' %s on %s:%d%n", database, created ? "created" : "already exists", host, port);
        } catch (SQLException e) {
            System.err.printf("CreateDatabase: could not create database '%s' on %s:%d as user '%s': %s (SQLState %s)%n",
                    database, host, port, user, e.getMessage(), e.getSQLState());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    static boolean createIfMissing(String url, String user, String password, String database, int waitSeconds)
            throws SQLException, InterruptedException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "5");
        props.setProperty("ApplicationName", "tierline-create-database");

        try (Connection connection = connect(url, props, waitSeconds)) {
            if (exists(connection, database)) {
                return false;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + quoteIdentifier(database));
                return true;
            } catch (SQLException e) {
                if ("42P04".equals(e.getSQLState())) { // duplicate_database: created concurrently
                    return false;
                }
                throw e;
            }
        }
    }

    private static Connection connect(String url, Properties props, int waitSeconds)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        while (true) {
            try {
                return DriverManager.getConnection(url, props);
            } catch (SQLException e) {
                String state = e.getSQLState() == null ? "" : e.getSQLState();
                // 08xxx: connection problems; 57P03: the database system is starting up.
                boolean transientFailure = state.startsWith("08") || "57P03".equals(state);
                if (!transientFailure || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, database);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
