package io.tierline.platform.inbox;

import com.fasterxml.jackson.core.JacksonException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Failures that say nothing about the event being applied, only that the database could not be reached or asked
 * to try again: it is down or restarting, a connection broke, the pool timed out, a transaction lost a
 * serialization race or a deadlock. Waiting and retrying is the cure; dead-lettering a valid event for them would
 * lose it.
 */
public final class TransientFailures {

    /** SQLSTATE class 40, transaction rollback: a serialization failure or a deadlock. */
    private static final String TRANSACTION_ROLLBACK = "40";

    /**
     * SQLSTATE classes and codes (PostgreSQL appendix A): connection exceptions, transaction rollbacks
     * (serialization failure, deadlock), insufficient resources (too many connections), operator intervention
     * (admin or crash shutdown, cannot connect now), lock not available.
     */
    private static final List<String> TRANSIENT_SQL_STATES =
            List.of("08", TRANSACTION_ROLLBACK, "53", "57P", "55P03");

    /**
     * True when {@code failure} or one of its causes is a transaction that lost a race with another (serialization
     * failure, deadlock): running it again is the cure.
     */
    public static boolean isTransactionConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseException db && db.getSqlState() != null
                    && db.getSqlState().startsWith(TRANSACTION_ROLLBACK)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code failure} or one of its causes is a passing database or network condition. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseException db && db.getSqlState() != null
                    && TRANSIENT_SQL_STATES.stream().anyMatch(db.getSqlState()::startsWith)) {
                return true;
            }
            // an I/O failure is the network's (connection refused or reset), except a JSON one: that is the data's
            if (t instanceof ClosedConnectionException || t instanceof IOException && !(t instanceof JacksonException)
                    || t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private TransientFailures() {
    }
}
