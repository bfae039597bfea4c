package io.tierline.platform.config;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * Dedicated JDBC connections for LISTEN: a pooled connection may be recycled under a listener, so the outbox relay
 * and the timer poller each hold one of their own.
 */
@ApplicationScoped
public class JdbcSettings {

    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;

    JdbcSettings(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                 @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                 @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public Connection openListenerConnection() throws SQLException {
        Properties props = new Properties();
        user.ifPresent(u -> props.setProperty("user", u));
        password.ifPresent(p -> props.setProperty("password", p));
        props.setProperty("ApplicationName", "tierline-listener");
        Connection connection = DriverManager.getConnection(url, props);
        connection.setAutoCommit(true);
        return connection;
    }
}
