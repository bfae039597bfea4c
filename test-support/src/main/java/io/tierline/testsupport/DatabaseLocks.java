package io.tierline.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What tests that hold a row lock ask the database: whether another session now waits for it. */
public final class DatabaseLocks {

    /** Whether a session other than {@code connection}'s waits for a lock in the same database. */
    public static boolean anotherSessionWaits(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                select count(*) from pg_stat_activity
                where wait_event_type = 'Lock' and datname = current_database() and pid <> pg_backend_pid()""");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    private DatabaseLocks() {
    }
}
