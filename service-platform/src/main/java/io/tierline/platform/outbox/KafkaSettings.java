package io.tierline.platform.outbox;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Kafka configuration the SmallRye channels use (every {@code kafka.*} property: bootstrap servers, TLS, SASL,
 * client DNS lookup, ...), for the clients the platform makes itself (the outbox producer, the topic admin), so a
 * broker secured for the channels is reached the same way by them.
 */
@ApplicationScoped
public class KafkaSettings {

    private final Map<String, Object> kafka;

    KafkaSettings(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = Map.copyOf(kafka);
    }

    /** The settings a client with these configuration names understands (others would only be warned about). */
    public Map<String, Object> forClient(Set<String> configNames) {
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((name, value) -> {
            if (configNames.contains(name)) {
                settings.put(name, value);
            }
        });
        return settings;
    }
}
