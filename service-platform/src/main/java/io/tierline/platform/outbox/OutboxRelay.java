package io.tierline.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tierline.contracts.CloudEvent;
import io.tierline.platform.commit.CommitSignals;
import io.tierline.platform.config.PlatformConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the outbox to Kafka in id order (so per key in commit order), with an idempotent producer and
 * {@code acks=all}, then marks the rows published. One thread per service instance: {@link CommitSignals} wakes it
 * right after this instance commits a transaction that wrote to the outbox, so an event leaves within milliseconds;
 * the short poll interval finds what other instances wrote. A transaction-scoped advisory lock lets one instance
 * relay at a time, which keeps the order when several instances run; an instance that finds it taken tries again
 * shortly. A failed send is retried on the next round; consumers dedupe on {@code ce_id}, so a repeat is harmless.
 * The rows are read and marked over the service's reactive pool (the one Hibernate Reactive uses), the relay thread
 * waiting for each answer.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool pool;
    private final PlatformConfig.Outbox config;
    private final KafkaSettings kafka;
    private final java.time.Clock clock;
    private final String clientId;
    private final Counter published;
    private final Timer lag;
    private final Object wakeUp = new Object();
    private boolean woken;
    private volatile boolean running;
    private volatile boolean healthy = true;
    private Thread thread;
    private KafkaProducer<String, String> producer;
    private Instant nextCleanup = Instant.EPOCH;

    /** How soon to try again when another instance holds the relay lock. */
    private static final long LOCK_RETRY_MILLIS = 10;

    OutboxRelay(Pool pool, CommitSignals signals, PlatformConfig config, MeterRegistry registry,
                java.time.Clock clock,
                KafkaSettings kafka,
                @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.pool = pool;
        signals.onCommitted(CommitSignals.Work.OUTBOX, this::wake);
        this.config = config.outbox();
        this.kafka = kafka;
        this.clock = clock;
        this.clientId = applicationName + "-outbox";
        this.published = Counter.builder("tierline.outbox.published")
                .description("Events published from the outbox to Kafka").register(registry);
        this.lag = Timer.builder("tierline.outbox.lag")
                .description("Time from the outbox commit to the Kafka acknowledgement")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void start(@Observes StartupEvent event) {
        // the channels' connection settings (servers, TLS, SASL), then what the outbox's guarantees need
        Map<String, Object> settings = kafka.forClient(ProducerConfig.configNames());
        settings.putAll(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.sendTimeout().toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(config.sendTimeout().toMillis(), 5000),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        producer = new KafkaProducer<>(settings);
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(5000);
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** False while the relay cannot reach the database or Kafka. */
    public boolean healthy() {
        return healthy && thread != null && thread.isAlive();
    }

    /** Starts a round now (or right after the one under way): a transaction that wrote events has committed. */
    public void wake() {
        synchronized (wakeUp) {
            woken = true;
            wakeUp.notify();
        }
    }

    private void run() {
        while (running) {
            try {
                long wait = drain() < 0 ? LOCK_RETRY_MILLIS : config.pollInterval().toMillis();
                healthy = true;
                synchronized (wakeUp) {
                    if (running && !woken) {
                        wakeUp.wait(wait);
                    }
                    woken = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                healthy = false;
                LOG.warnf("Outbox relay round failed, retrying: %s", e.toString());
                pause(Math.min(config.pollInterval().toMillis(), 1000));
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Publishes everything pending; returns the number of events published, or -1 when another instance holds the
     * relay lock (it publishes them; this one checks again shortly).
     */
    int drain() throws Exception {
        int total = 0;
        int batch;
        do {
            batch = publishBatch();
            if (batch < 0) {
                return total > 0 ? total : -1;
            }
            total += batch;
        } while (batch == config.batchSize() && running);
        cleanupPublished();
        return total;
    }

    private int publishBatch() throws Exception {
        Duration timeout = config.sendTimeout();
        SqlConnection connection = pool.getConnection().await().atMost(timeout);
        try {
            Transaction transaction = connection.begin().await().atMost(timeout);
            try {
                if (!tryRelayLock(connection, timeout)) {
                    transaction.rollback().await().atMost(timeout);
                    return -1;
                }
                List<Pending> pending = pending(connection, timeout);
                if (pending.isEmpty()) {
                    transaction.commit().await().atMost(timeout);
                    return 0;
                }
                List<Future<RecordMetadata>> sends = new ArrayList<>(pending.size());
                for (Pending row : pending) {
                    ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), null, row.key(),
                            row.event().data(), row.event().headers());
                    sends.add(producer.send(record));
                }
                for (Future<RecordMetadata> send : sends) {
                    send.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                }
                connection.preparedQuery("update outbox set published_at = now() where id = any($1)")
                        .execute(Tuple.of(pending.stream().map(Pending::id).toArray(Long[]::new)))
                        .await().atMost(timeout);
                transaction.commit().await().atMost(timeout);
                Instant now = clock.instant();
                for (Pending row : pending) {
                    Duration rowLag = Duration.between(row.createdAt(), now);
                    lag.record(rowLag.isNegative() ? Duration.ZERO : rowLag);
                }
                published.increment(pending.size());
                return pending.size();
            } catch (Exception e) {
                transaction.rollback().onFailure().recoverWithNull().await().atMost(timeout);
                throw e;
            }
        } finally {
            connection.close().onFailure().recoverWithNull().await().atMost(timeout);
        }
    }

    private static boolean tryRelayLock(SqlConnection connection, Duration timeout) {
        return connection.query("select pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox-relay'))")
                .execute().await().atMost(timeout)
                .iterator().next().getBoolean(0);
    }

    private List<Pending> pending(SqlConnection connection, Duration timeout) {
        List<Pending> rows = new ArrayList<>();
        for (Row row : connection.preparedQuery("""
                        select id, event_id, topic, message_key, event_type, source, subject, event_time, payload,
                               created_at
                        from outbox where published_at is null order by id limit $1""")
                .execute(Tuple.of(config.batchSize())).await().atMost(timeout)) {
            CloudEvent event = new CloudEvent(row.getUUID("event_id"), row.getString("event_type"),
                    row.getString("source"), row.getString("subject"),
                    row.getOffsetDateTime("event_time").toInstant(), row.getString("payload"));
            rows.add(new Pending(row.getLong("id"), row.getString("topic"), row.getString("message_key"), event,
                    row.getOffsetDateTime("created_at").toInstant()));
        }
        return rows;
    }

    private void cleanupPublished() {
        Instant now = Instant.now();
        if (now.isBefore(nextCleanup)) {
            return;
        }
        nextCleanup = now.plus(Duration.ofMinutes(1));
        pool.preparedQuery("delete from outbox where published_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of(config.retention().toMillis() / 1000.0))
                .await().atMost(Duration.ofMinutes(1));
    }

    private record Pending(long id, String topic, String key, CloudEvent event, Instant createdAt) {
    }
}
