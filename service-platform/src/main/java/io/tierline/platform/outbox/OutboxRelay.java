package io.tierline.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tierline.contracts.CloudEvent;
import io.tierline.platform.commit.CommitSignals;
import io.tierline.platform.config.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final AgroalDataSource dataSource;
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

    OutboxRelay(AgroalDataSource dataSource, CommitSignals signals, PlatformConfig config, MeterRegistry registry,
                java.time.Clock clock,
                KafkaSettings kafka,
                @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.dataSource = dataSource;
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
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!tryRelayLock(connection)) {
                    connection.rollback();
                    return -1;
                }
                List<Pending> pending = pending(connection);
                if (pending.isEmpty()) {
                    connection.commit();
                    return 0;
                }
                List<Future<RecordMetadata>> sends = new ArrayList<>(pending.size());
                for (Pending row : pending) {
                    ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), null, row.key(),
                            row.event().data(), row.event().headers());
                    sends.add(producer.send(record));
                }
                for (Future<RecordMetadata> send : sends) {
                    send.get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                }
                markPublished(connection, pending);
                connection.commit();
                Instant now = clock.instant();
                for (Pending row : pending) {
                    Duration rowLag = Duration.between(row.createdAt(), now);
                    lag.record(rowLag.isNegative() ? Duration.ZERO : rowLag);
                }
                published.increment(pending.size());
                return pending.size();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static boolean tryRelayLock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "select pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox-relay'))")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private List<Pending> pending(Connection connection) throws SQLException {
        List<Pending> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                select id, event_id, topic, message_key, event_type, source, subject, event_time, payload, created_at
                from outbox where published_at is null order by id limit ?""")) {
            statement.setInt(1, config.batchSize());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    CloudEvent event = new CloudEvent(rs.getObject("event_id", UUID.class), rs.getString("event_type"),
                            rs.getString("source"), rs.getString("subject"),
                            rs.getTimestamp("event_time").toInstant(), rs.getString("payload"));
                    rows.add(new Pending(rs.getLong("id"), rs.getString("topic"), rs.getString("message_key"), event,
                            rs.getTimestamp("created_at").toInstant()));
                }
            }
        }
        return rows;
    }

    private static void markPublished(Connection connection, List<Pending> rows) throws SQLException {
        Array ids = connection.createArrayOf("bigint", rows.stream().map(Pending::id).toArray());
        try (PreparedStatement statement = connection.prepareStatement(
                "update outbox set published_at = now() where id = any(?)")) {
            statement.setArray(1, ids);
            statement.executeUpdate();
        }
    }

    private void cleanupPublished() throws SQLException {
        Instant now = Instant.now();
        if (now.isBefore(nextCleanup)) {
            return;
        }
        nextCleanup = now.plus(Duration.ofMinutes(1));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "delete from outbox where published_at < now() - make_interval(secs => ?)")) {
            statement.setDouble(1, config.retention().toMillis() / 1000.0);
            statement.executeUpdate();
        }
    }

    private record Pending(long id, String topic, String key, CloudEvent event, Instant createdAt) {
    }
}
