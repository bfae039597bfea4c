package io.tierline.testsupport.fuzz;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of every table in the running service's schema (row count and a hash of all rows), so a test can
 * prove a run of requests changed nothing. Connects with the service's own settings ({@code tierline.db.*}).
 */
final class DatabaseState {

    private final String url;
    private final String user;
    private final String password;
    private final String schema;

    private DatabaseState(String url, String user, String password, String schema) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    static DatabaseState ofRunningService() {
        Config config = ConfigProvider.getConfig();
        String url = "jdbc:postgresql://" + config.getValue("tierline.db.host", String.class) + ":"
                + config.getValue("tierline.db.port", Integer.class) + "/"
                + config.getValue("tierline.db.name", String.class);
        return new DatabaseState(url, config.getValue("tierline.db.user", String.class),
                config.getOptionalValue("tierline.db.password", String.class).orElse(""),
                config.getValue("tierline.db.schema", String.class));
    }

    String schema() {
        return schema;
    }

    /** Table name to "rows:hash", for every table but Flyway's history. */
    Map<String, String> capture() {
        Map<String, String> tables = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            List<String> names = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    select table_name from information_schema.tables
                    where table_schema = ? and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'""")) {
                statement.setString(1, schema);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
            }
            for (String table : names) {
                String qualified = quote(schema) + "." + quote(table);
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("select count(*), coalesce(md5(string_agg(t::text, "
                             + "E'\\n' order by t::text)), '') from " + qualified + " t")) {
                    rows.next();
                    tables.put(table, rows.getLong(1) + " rows, " + rows.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the tables of schema " + schema + " at " + url, e);
        }
        return tables;
    }

    /**
     * The state once background work has settled (the outbox relay marks rows published after the commit): the
     * same on three reads in a row, a quarter of a second apart.
     */
    Map<String, String> settled(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        Map<String, String> previous = capture();
        int same = 0;
        while (same < 2) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The tables of schema " + schema + " kept changing for " + atMost
                        + " before the fuzz: " + changes(previous, capture()));
            }
            sleep(250);
            Map<String, String> current = capture();
            same = current.equals(previous) ? same + 1 : 0;
            previous = current;
        }
        return previous;
    }

    /** One line per table whose content differs. */
    static List<String> changes(Map<String, String> before, Map<String, String> after) {
        List<String> changes = new ArrayList<>();
        Map<String, String> all = new TreeMap<>(before);
        after.forEach(all::putIfAbsent);
        for (String table : all.keySet()) {
            String was = before.get(table);
            String is = after.get(table);
            if (was == null || !was.equals(is)) {
                changes.add(table + ": " + (was == null ? "absent" : was) + " -> " + (is == null ? "absent" : is));
            }
        }
        return changes;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
