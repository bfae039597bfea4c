package io.tierline.testsupport;

import org.jboss.logging.Logger;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, empty PostgreSQL database for one test run, dropped at the end. Uses the server at
 * {@code TIERLINE_TEST_DB_HOST:TIERLINE_TEST_DB_PORT} (default 127.0.0.1:5432, user postgres), or a Testcontainers
 * PostgreSQL when Docker is available.
 */
public final class PostgresDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PostgresDatabase.class);

    private final String host;
    private final int port;
    private final String name;
    private final String user;
    private final String password;
    private final AutoCloseable owner;

    private PostgresDatabase(String host, int port, String name, String user, String password, AutoCloseable owner) {
        this.host = host;
        this.port = port;
        this.name = name;
        this.user = user;
        this.password = password;
        this.owner = owner;
    }

    public static PostgresDatabase create(String purpose) {
        String name = ("tierline_test_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (Infrastructure.useContainers()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine").withDatabaseName(name);
            container.start();
            LOG.infof("PostgreSQL: Testcontainers database %s", name);
            return new PostgresDatabase(container.getHost(), container.getMappedPort(5432), name,
                    container.getUsername(), container.getPassword(), container::stop);
        }
        String host = env("TIERLINE_TEST_DB_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("TIERLINE_TEST_DB_PORT", "5432"));
        String user = env("TIERLINE_TEST_DB_USER", "postgres");
        String password = env("TIERLINE_TEST_DB_PASSWORD", "");
        PostgresDatabase database = new PostgresDatabase(host, port, name, user, password, null);
        database.admin("create database " + name);
        LOG.infof("PostgreSQL: fresh database %s on %s:%d", name, host, port);
        return database;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    @Override
    public void close() {
        try {
            if (owner != null) {
                owner.close();
            } else {
                admin("drop database if exists " + name + " with (force)");
            }
        } catch (Exception e) {
            LOG.warnf("Could not drop test database %s: %s", name, e.toString());
        }
    }

    private void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/postgres", user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused: " + sql, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
