package io.tierline.platform.outbox;

import io.quarkus.runtime.StartupEvent;
import io.tierline.contracts.Topics;
import io.tierline.platform.config.PlatformConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates Tierline's topics ({@link Topics#ALL}: the lifecycle topics and the inbound incident topic) at start when
 * they are missing, with the configured partitions, so the first event of a fresh broker does not wait for
 * auto-creation and consumer rebalancing. Where topics are managed elsewhere
 * (e.g. Strimzi KafkaTopic resources) set {@code tierline.platform.topics.create=false}.
 */
@ApplicationScoped
public class TopicBootstrap {

    private static final Logger LOG = Logger.getLogger(TopicBootstrap.class);

    private final PlatformConfig.Topics config;
    private final KafkaSettings kafka;

    TopicBootstrap(PlatformConfig config, KafkaSettings kafka) {
        this.config = config.topics();
        this.kafka = kafka;
    }

    void createMissing(@Observes @Priority(1) StartupEvent event) {
        if (!config.create()) {
            return;
        }
        Map<String, Object> settings = kafka.forClient(AdminClientConfig.configNames());
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(settings)) {
            List<NewTopic> topics = Topics.ALL.stream()
                    .map(name -> new NewTopic(name, config.partitions(), config.replicationFactor()))
                    .toList();
            admin.createTopics(topics).values().forEach((name, result) -> {
                try {
                    result.get(15, TimeUnit.SECONDS);
                    LOG.infof("Created topic %s", name);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        LOG.warnf("Could not create topic %s: %s", name, e.getCause().toString());
                    }
                } catch (Exception e) {
                    LOG.warnf("Could not create topic %s: %s", name, e.toString());
                }
            });
        }
    }
}
