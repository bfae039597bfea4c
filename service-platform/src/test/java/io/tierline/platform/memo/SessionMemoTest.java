package io.tierline.platform.memo;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tierline.testsupport.TierlineInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** A read is made once per session and key: the records of one poll share it, the next transaction reads again. */
@QuarkusTest
@WithTestResource(TierlineInfrastructure.class)
class SessionMemoTest {

    /** Reads the database's clock (a new value each transaction) and counts the reads. */
    private static Supplier<Uni<String>> read(AtomicInteger reads) {
        return () -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery("select cast(clock_timestamp() as text)", String.class)
                        .getSingleResult())
                .invoke(reads::incrementAndGet);
    }

    @Test
    void shouldReadOncePerSessionAndKey() throws Throwable {
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger otherReads = new AtomicInteger();
        List<String> seen = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                SessionMemo.remember("team:platform", read(reads)).flatMap(first ->
                        SessionMemo.remember("team:platform", read(reads)).flatMap(second ->
                                SessionMemo.remember("team:billing", read(otherReads)).map(other ->
                                        List.of(first, second, other))))));

        assertThat(reads).as("reads of the same key in one session").hasValue(1);
        assertThat(seen.get(1)).as("the second read answers what the first saw").isEqualTo(seen.get(0));
        assertThat(otherReads).as("another key is read on its own").hasValue(1);
    }

    @Test
    void shouldReadAgainInTheNextSession() throws Throwable {
        AtomicInteger reads = new AtomicInteger();
        // two transactions one after the other on the same context, as a consumer applies poll after poll
        List<String> seen = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                        SessionMemo.remember("policy:sev1", read(reads)))
                .flatMap(first -> Panache.withTransaction(() -> SessionMemo.remember("policy:sev1", read(reads)))
                        .map(second -> List.of(first, second))));

        assertThat(reads).as("one read per session").hasValue(2);
        assertThat(seen.get(1)).as("the next session sees the database as it is then").isNotEqualTo(seen.get(0));
    }
}
