package io.tierline.testsupport;

import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;

/**
 * Chooses, once per JVM, where test infrastructure comes from: Testcontainers when a Docker engine answers, else
 * an in-process Kafka broker and the PostgreSQL server at 127.0.0.1:5432. {@code -Dtierline.test.infra=local} or
 * {@code =containers} forces the choice.
 */
final class Infrastructure {

    private static final Logger LOG = Logger.getLogger(Infrastructure.class);
    private static Boolean containers;

    static synchronized boolean useContainers() {
        if (containers == null) {
            String forced = System.getProperty("tierline.test.infra", System.getenv("TIERLINE_TEST_INFRA"));
            if ("local".equals(forced)) {
                containers = false;
            } else if ("containers".equals(forced)) {
                containers = true;
            } else {
                containers = dockerAnswers();
            }
            LOG.infof("Test infrastructure: %s", containers
                    ? "Testcontainers (a Docker engine answers)"
                    : "in-process Kafka broker and local PostgreSQL (no Docker engine)");
        }
        return containers;
    }

    private static boolean dockerAnswers() {
        boolean configured = System.getenv("DOCKER_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!configured) {
            return false; // no engine to ask; spares Testcontainers' error-level probe log
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private Infrastructure() {
    }
}
