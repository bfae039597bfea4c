package io.tierline.testsupport;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.jboss.logging.Logger;
import org.testcontainers.kafka.KafkaContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One real Kafka broker per test JVM: a Testcontainers broker when a Docker engine answers, otherwise a KRaft
 * broker+controller started in-process from the Apache Kafka jars. Both are real brokers speaking the Kafka
 * protocol on a random local port.
 */
public final class KafkaBroker {

    private static final Logger LOG = Logger.getLogger(KafkaBroker.class);
    private static String bootstrapServers;

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = Infrastructure.useContainers() ? startContainer() : startInProcess();
        }
        return bootstrapServers;
    }

    private static String startContainer() {
        KafkaContainer container = new KafkaContainer("apache/kafka:4.1.2");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        LOG.infof("Kafka broker: Testcontainers at %s", container.getBootstrapServers());
        return container.getBootstrapServers();
    }

    private static String startInProcess() {
        try {
            long started = System.nanoTime();
            // our own directory, deleted after the broker closed: the kit's own exit-time deletion races its close
            Path dataDir = Files.createTempDirectory("tierline-kafka-");
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setBaseDirectory(dataDir)
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "3")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    cluster.close();
                    deleteRecursively(dataDir);
                } catch (Exception e) {
                    LOG.debug("Closing the in-process broker failed", e);
                }
            }));
            LOG.infof("Kafka broker: in-process KRaft at %s (ready in %d ms)", cluster.bootstrapServers(),
                    (System.nanoTime() - started) / 1_000_000);
            return cluster.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the in-process Kafka broker", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private KafkaBroker() {
    }
}
