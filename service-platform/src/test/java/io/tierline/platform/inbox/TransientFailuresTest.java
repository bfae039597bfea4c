package io.tierline.platform.inbox;

import com.fasterxml.jackson.core.JsonParseException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientFailuresTest {

    private static PgException pg(String sqlState) {
        return new PgException("failed", "ERROR", sqlState, null);
    }

    @Test
    void shouldWaitForADatabaseThatCannotBeReachedOrAsksToTryAgain() {
        assertThat(TransientFailures.isTransient(new CompletionException(new ConnectException("Connection refused"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(ClosedConnectionException.INSTANCE)).isTrue();
        assertThat(TransientFailures.isTransient(new TimeoutException("pool"))).isTrue();
        assertThat(TransientFailures.isTransient(new IllegalStateException("wrapped", pg("57P01")))).as("shutdown")
                .isTrue();
        assertThat(TransientFailures.isTransient(pg("08006"))).as("connection failure").isTrue();
        assertThat(TransientFailures.isTransient(pg("40001"))).as("serialization failure").isTrue();
        assertThat(TransientFailures.isTransient(pg("40P01"))).as("deadlock").isTrue();
        assertThat(TransientFailures.isTransient(pg("53300"))).as("too many connections").isTrue();
    }

    @Test
    void shouldNotWaitForAFailureThatIsTheEventsOrTheHandlers() {
        assertThat(TransientFailures.isTransient(pg("23505"))).as("unique violation").isFalse();
        assertThat(TransientFailures.isTransient(pg("22P02"))).as("invalid text representation").isFalse();
        assertThat(TransientFailures.isTransient(new JsonParseException(null, "bad"))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalStateException("bug"))).isFalse();
        assertThat(TransientFailures.isTransient(new NullPointerException())).isFalse();
    }
}
