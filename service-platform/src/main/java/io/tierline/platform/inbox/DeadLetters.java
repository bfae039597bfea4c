package io.tierline.platform.inbox;

import io.smallrye.mutiny.Uni;
import io.tierline.platform.outbox.KafkaSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Moves a record that can never be applied to its channel's dead-letter topic
 * ({@code mp.messaging.incoming.<channel>.dead-letter-queue.topic}), as it came (key, value, headers) plus what went
 * wrong, in the headers SmallRye's dead-letter strategy writes: {@code dead-letter-reason}, {@code -cause},
 * {@code -exception-class-name}, {@code -topic}, {@code -partition}, {@code -offset}. Batch consumers use it to park
 * one record of a batch and carry on with the others. A send is retried until the broker takes it: the record's
 * offset is committed only after, so it is never lost.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final KafkaSettings kafka;
    private final Config config;
    private volatile KafkaProducer<String, String> producer;

    DeadLetters(KafkaSettings kafka, Config config) {
        this.kafka = kafka;
        this.config = config;
    }

    /** The dead-letter topic of an incoming channel (SmallRye's default when none is configured). */
    public String topicOf(String channel, String sourceTopic) {
        return config.getOptionalValue("mp.messaging.incoming." + channel + ".dead-letter-queue.topic", String.class)
                .orElse("dead-letter-topic-" + sourceTopic);
    }

    public Uni<Void> park(String channel, ConsumerRecord<String, String> record, Throwable reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        put(headers, "dead-letter-reason", reason.getMessage() == null ? reason.toString() : reason.getMessage());
        put(headers, "dead-letter-exception-class-name", reason.getClass().getName());
        if (reason.getCause() != null) {
            put(headers, "dead-letter-cause", String.valueOf(reason.getCause().getMessage()));
            put(headers, "dead-letter-cause-class-name", reason.getCause().getClass().getName());
        }
        put(headers, "dead-letter-topic", record.topic());
        put(headers, "dead-letter-partition", Integer.toString(record.partition()));
        put(headers, "dead-letter-offset", Long.toString(record.offset()));
        ProducerRecord<String, String> dead = new ProducerRecord<>(topicOf(channel, record.topic()), null,
                record.key(), record.value(), headers);
        // the caller goes on with database work on its own context, never on the producer's thread
        io.vertx.core.Context caller = io.vertx.core.Vertx.currentContext();
        Uni<Void> parked = Uni.createFrom().completionStage(() -> {
                    java.util.concurrent.CompletableFuture<Void> sent = new java.util.concurrent.CompletableFuture<>();
                    producer().send(dead, (metadata, failure) -> {
                        if (failure != null) {
                            sent.completeExceptionally(failure);
                        } else {
                            sent.complete(null);
                        }
                    });
                    return sent;
                })
                .onFailure().invoke(failure -> LOG.warnf("Could not park record %s-%d@%d yet, retrying: %s",
                        record.topic(), record.partition(), record.offset(), failure.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
        return caller == null ? parked : parked.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> current = producer;
        if (current == null) {
            synchronized (this) {
                current = producer;
                if (current == null) {
                    Map<String, Object> settings = kafka.forClient(ProducerConfig.configNames());
                    settings.put(ProducerConfig.ACKS_CONFIG, "all");
                    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    settings.put(ProducerConfig.CLIENT_ID_CONFIG, "tierline-dead-letters");
                    settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
                    settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
                    current = new KafkaProducer<>(settings);
                    producer = current;
                }
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
