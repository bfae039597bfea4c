package io.tierline.platform.memo;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads remembered for the rest of the current database session: a consumer applies a poll of records in one
 * transaction, and when fifty tickets in it need the same team, policy and schedule, those are read once, not fifty
 * times. What is remembered is what that session saw, so it is as fresh as a transaction that read it again (the
 * others' commits in between aside); a new session starts with nothing. Only for values nobody changes in the same
 * session after reading them (configuration on the event path), and for immutable values.
 */
public final class SessionMemo {

    private static final String KEY = SessionMemo.class.getName();

    private SessionMemo() {
    }

    /** The value remembered under {@code key} in this session, else what {@code read} gives (then remembered). */
    @SuppressWarnings("unchecked")
    public static <T> Uni<T> remember(Object key, Supplier<Uni<T>> read) {
        Context context = Vertx.currentContext();
        if (context == null || !VertxContext.isDuplicatedContext(context)) {
            return read.get();
        }
        return Panache.getSession().flatMap(session -> {
            Memo memo = context.getLocal(KEY);
            if (memo == null || memo.session != session) {
                memo = new Memo(session);
                context.putLocal(KEY, memo);
            }
            if (memo.values.containsKey(key)) {
                return Uni.createFrom().item((T) memo.values.get(key));
            }
            Memo current = memo;
            return read.get().invoke(value -> current.values.put(key, value));
        });
    }

    /** What one session read; replaced when the context runs another session. */
    private static final class Memo {
        private final Mutiny.Session session;
        private final Map<Object, Object> values = new HashMap<>();

        private Memo(Mutiny.Session session) {
            this.session = session;
        }
    }
}
