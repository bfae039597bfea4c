package io.tierline.platform.config;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * LISTENs on a channel of this service's schema ({@code <schema>_<name>}), which the schema's triggers NOTIFY at
 * commit. Each listener holds a dedicated JDBC connection: a pooled one may be recycled under it.
 */
@ApplicationScoped
public class SchemaListener {

    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;

    SchemaListener(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                   @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                   @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** An open listener on {@code <schema>_<name>}; close it to stop listening. */
    public Listener listen(String name) throws SQLException {
        Properties props = new Properties();
        user.ifPresent(u -> props.setProperty("user", u));
        password.ifPresent(p -> props.setProperty("password", p));
        props.setProperty("ApplicationName", "tierline-listener");
        Connection connection = DriverManager.getConnection(url, props);
        try (Statement statement = connection.createStatement()) {
            String schema;
            try (ResultSet rs = statement.executeQuery("select current_schema()")) {
                rs.next();
                schema = rs.getString(1);
            }
            statement.execute("LISTEN " + schema + "_" + name);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new Listener(connection);
    }

    public static final class Listener implements AutoCloseable {
        private final Connection connection;
        private final PGConnection pg;

        private Listener(Connection connection) throws SQLException {
            this.connection = connection;
            this.pg = connection.unwrap(PGConnection.class);
        }

        /** Blocks until a notification arrives (true) or the timeout passes (false). */
        public boolean await(long timeoutMillis) throws SQLException {
            PGNotification[] notifications = pg.getNotifications((int) Math.max(1, timeoutMillis));
            return notifications != null && notifications.length > 0;
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** Sleeps before a reconnect; an interrupt (shutdown) ends it early. */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
