package io.tierline.systemtests;

import io.tierline.testsupport.WebhookReceiver;
import io.tierline.contracts.CloudEvent;
import io.tierline.contracts.Topics;
import io.tierline.devtokens.DevTokens;
import io.tierline.testsupport.KafkaBroker;
import io.tierline.testsupport.KafkaTestClient;
import io.tierline.testsupport.PostgresDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole of Tierline on this machine: one real Kafka broker and one fresh PostgreSQL database (from
 * test-support), a webhook receiver standing in for the on-call engineers, and the four packaged services as
 * separate processes, configured for short SLA targets. People {@code alice} and {@code bob} (on call for SEV1 in
 * escalation-service's default configuration) have their pages sent to the receiver.
 * <p>
 * The services accept only bearer tokens signed with this run's key pair ({@link #tokens()}, made once per test JVM):
 * its public key is written to {@code target/system-tests/keys/public.pem} and given to every service as
 * {@code mp.jwt.verify.publickey.location}; {@link TierlineApi} calls with an admin or agent token.
 */
public final class TierlineSystem implements AutoCloseable {

    public static final String TICKET = "ticket-service";
    public static final String ESCALATION = "escalation-service";
    public static final String SLA = "sla-service";
    public static final String NOTIFICATION = "notification-service";
    public static final List<String> SERVICES = List.of(TICKET, ESCALATION, SLA, NOTIFICATION);

    /** The on-call responders for SEV1 (tier L2, team core) in the routing every test run starts with. */
    public static final List<String> ON_CALL = List.of("alice", "bob");

    /** SEV1 first-response target for ENTERPRISE given to sla-service, and its warning threshold. */
    public static final Duration FIRST_RESPONSE_TARGET = Duration.ofSeconds(4);

    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = Logger.getLogger(TierlineSystem.class);

    /** This run's key pair: signs every token the tests send; its public key is the only one the services trust. */
    private static final DevTokens TOKENS = DevTokens.generate();

    private final String bootstrapServers;
    private final PostgresDatabase database;
    private final WebhookReceiver receiver;
    private final Map<String, ServiceProcess> services;
    private final KafkaTestClient kafka;
    private final TierlineApi api;
    private final Thread dropDatabaseOnExit;
    private final Path logs;
    private final List<ServiceProcess> extraInstances = new java.util.concurrent.CopyOnWriteArrayList<>();

    private TierlineSystem(String bootstrapServers, PostgresDatabase database, WebhookReceiver receiver,
                           Map<String, ServiceProcess> services, Path logs) {
        this.logs = logs;
        this.bootstrapServers = bootstrapServers;
        this.database = database;
        this.receiver = receiver;
        this.services = services;
        this.kafka = new KafkaTestClient(bootstrapServers);
        this.api = new TierlineApi(services.get(TICKET).baseUrl(), services.get(ESCALATION).baseUrl(),
                services.get(SLA).baseUrl(), services.get(NOTIFICATION).baseUrl(), TOKENS);
        // Should the JVM stop before close() (Ctrl-C, fork timeout), the database goes too; processes: ServiceProcess.
        this.dropDatabaseOnExit = new Thread(database::close, "system-tests-drop-database");
        Runtime.getRuntime().addShutdownHook(dropDatabaseOnExit);
    }

    /** Starts everything and waits until every service is ready; on failure stops what it started. */
    public static TierlineSystem start() {
        Path repo = repositoryRoot();
        Path logs = Path.of(System.getProperty("tierline.system-tests.logs",
                repo.resolve("system-tests/target/system-tests").toString())).toAbsolutePath().normalize();
        List<String> missing = SERVICES.stream().filter(s -> !jar(repo, s).toFile().isFile()).toList();
        if (!missing.isEmpty()) { // fail before starting anything
            throw new IllegalStateException("Not packaged: " + missing + " (no " + jar(repo, missing.get(0))
                    + "). Build with `./mvnw -B package -DskipTests -pl " + String.join(",", missing) + " -am`, "
                    + "or run the whole `./mvnw verify` (system-tests is the last module of the reactor).");
        }
        SERVICES.forEach(service -> warnIfStale(repo, service));
        Path publicKey = writePublicKey(logs.resolve("keys/public.pem"));
        String bootstrap = KafkaBroker.bootstrapServers();
        createTopics(bootstrap);
        PostgresDatabase database = PostgresDatabase.create("system");
        WebhookReceiver receiver = new WebhookReceiver();
        Map<String, ServiceProcess> services = new LinkedHashMap<>();
        TierlineSystem system = null;
        try {
            int[] ports = freePorts(SERVICES.size());
            for (int i = 0; i < SERVICES.size(); i++) {
                String name = SERVICES.get(i);
                services.put(name, new ServiceProcess(name, jar(repo, name), ports[i],
                        properties(name, ports[i], bootstrap, database, publicKey), logs.resolve(name + ".log")));
            }
            // All four boot at once (they only meet through Kafka), then each must become ready.
            services.values().forEach(ServiceProcess::start);
            services.values().forEach(s -> s.awaitReady(READY_TIMEOUT));
            system = new TierlineSystem(bootstrap, database, receiver, services, logs);
            // the demo's teams and routing (./tierline up loads the same): SEV1 and SEV2 go to L2, team core
            system.api().createTeam("frontline", "L1", List.of("carol"));
            system.api().createTeam("core", "L2", ON_CALL);
            system.api().createTeam("engineering", "L3", List.of("dave"));
            system.api().createRule("sev1-sev2-to-l2", List.of("SEV1", "SEV2"), "L2", "core");
            for (String person : ON_CALL) {
                system.api().registerWebhook(person, receiver.url(person));
            }
            LOG.infof("Tierline is up: %s; webhooks at %s; broker %s; database %s", services.values(),
                    receiver.url("{person}"), bootstrap, database.name());
            return system;
        } catch (RuntimeException | Error e) {
            services.values().forEach(ServiceProcess::kill);
            if (system != null) {
                system.close();
            } else {
                receiver.close();
                database.close();
            }
            throw e;
        }
    }

    /** What one instance of a service is started with: its port, the broker, the database, the key, its own. */
    private static List<String> properties(String name, int port, String bootstrap, PostgresDatabase database,
                                           Path publicKey) {
        List<String> properties = new ArrayList<>(List.of(
                "quarkus.http.port=" + port,
                "kafka.bootstrap.servers=" + bootstrap,
                "tierline.db.host=" + database.host(),
                "tierline.db.port=" + database.port(),
                "tierline.db.name=" + database.name(),
                "tierline.db.user=" + database.user(),
                "mp.jwt.verify.publickey.location=" + publicKey));
        if (!database.password().isEmpty()) {
            properties.add("tierline.db.password=" + database.password());
        }
        properties.addAll(serviceSpecific(name, port));
        return properties;
    }

    /**
     * Starts a second instance of every service against the same broker and database (same consumer groups, so
     * they share the partitions; same timer and outbox tables), and waits until each is ready. {@link #close} stops
     * them too.
     */
    public Map<String, ServiceProcess> startSecondInstances() {
        Path repo = repositoryRoot();
        Path publicKey = writePublicKey(logs.resolve("keys/public.pem"));
        int[] ports = freePorts(SERVICES.size());
        Map<String, ServiceProcess> second = new LinkedHashMap<>();
        for (int i = 0; i < SERVICES.size(); i++) {
            String name = SERVICES.get(i);
            ServiceProcess instance = new ServiceProcess(name, jar(repo, name), ports[i],
                    properties(name, ports[i], bootstrapServers, database, publicKey),
                    logs.resolve(name + "-2.log"));
            second.put(name, instance);
            extraInstances.add(instance);
        }
        second.values().forEach(ServiceProcess::start);
        second.values().forEach(s -> s.awaitReady(READY_TIMEOUT));
        return second;
    }

    /** Short targets so a breach takes seconds: 4 s first response for ENTERPRISE SEV1, warning at 50 %. */
    private static List<String> serviceSpecific(String service, int port) {
        return switch (service) {
            case SLA -> List.of(
                    "tierline.sla.first-response.ENTERPRISE.SEV1=" + FIRST_RESPONSE_TARGET.toSeconds() + "s",
                    "tierline.sla.warning-threshold-percent=50",
                    "tierline.platform.timers.late-after=1s");
            case NOTIFICATION -> List.of(
                    "tierline.notification.public-url=http://127.0.0.1:" + port,
                    "tierline.notification.delivery.retry-backoff=200ms");
            default -> List.of();
        };
    }

    public TierlineApi api() {
        return api;
    }

    /** Issues tokens the services accept (any role, subject and lifetime), e.g. for a test of its own roles. */
    public static DevTokens tokens() {
        return TOKENS;
    }

    public KafkaTestClient kafka() {
        return kafka;
    }

    public WebhookReceiver webhooks() {
        return receiver;
    }

    public ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("No service " + name);
        }
        return service;
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services.values());
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public PostgresDatabase database() {
        return database;
    }

    /** The CloudEvents of one type about one ticket on a topic, in topic order per ticket. */
    public List<CloudEvent> events(String topic, String ticketId, String type) {
        return kafka.events(topic, e -> e.subject().equals(ticketId) && e.type().equals(type));
    }

    /** The raw records of one type about one ticket on a topic (headers, key and value as they travelled). */
    public List<ConsumerRecord<String, String>> records(String topic, String ticketId, String type) {
        return kafka.readAll(topic).stream()
                .filter(r -> ticketId.equals(r.key()) && type.equals(KafkaTestClient.header(r, "ce_type")))
                .toList();
    }

    /**
     * Whether every consumer group reading the topic has committed past {@code offset} on the partition, i.e. has
     * processed the record there. A group that has committed nothing on the topic is not a reader of it.
     */
    public boolean consumedByEveryGroup(TopicPartition partition, long offset) {
        try (Admin admin = admin(bootstrapServers)) {
            List<String> readers = new ArrayList<>();
            boolean allPast = true;
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                if (committed.keySet().stream().noneMatch(p -> p.topic().equals(partition.topic()))) {
                    continue;
                }
                readers.add(group.groupId());
                OffsetAndMetadata position = committed.get(partition);
                allPast &= position != null && position.offset() > offset;
            }
            return !readers.isEmpty() && allPast;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** A few lines of every service's log, for a failure report. */
    public String logTails(int lines) {
        StringBuilder out = new StringBuilder();
        for (ServiceProcess service : services.values()) {
            out.append("--- ").append(service).append(", last ").append(lines).append(" lines of ")
                    .append(service.log()).append(" ---\n").append(service.logTail(lines)).append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() {
        // Services first, so none of them is writing when its database is dropped.
        extraInstances.forEach(ServiceProcess::stop);
        services.values().forEach(ServiceProcess::stop);
        kafka.close();
        receiver.close();
        database.close();
        try {
            Runtime.getRuntime().removeShutdownHook(dropDatabaseOnExit);
        } catch (IllegalStateException e) {
            // already shutting down: the hook drops it (again, harmlessly)
        }
    }

    private static void createTopics(String bootstrap) {
        // Created up front with the partitions the services expect, so no consumer starts on a missing topic.
        try (Admin admin = admin(bootstrap)) {
            for (String topic : Topics.ALL) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + topic, e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not create the topics in time", e);
        }
    }

    /**
     * Writes this run's public key where the services read it (atomically: a service of an earlier class may still be
     * reading the same file, with the same content). Returns the absolute path.
     */
    private static Path writePublicKey(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), "public", ".pem.tmp");
            Files.writeString(partial, TOKENS.publicKeyPem());
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the public key to " + file, e);
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
    }

    /**
     * A jar older than its sources (or the shared modules packaged into it) tests yesterday's code: say so. A full
     * {@code ./mvnw verify} never has that.
     */
    private static void warnIfStale(Path repo, String service) {
        List<Path> sources = Stream.of(service, "service-platform", "event-contracts")
                .map(module -> repo.resolve(module).resolve("src/main"))
                .filter(Files::isDirectory)
                .toList();
        if (sources.isEmpty()) {
            return;
        }
        try (Stream<Path> files = sources.stream().flatMap(TierlineSystem::walk)) {
            FileTime packaged = Files.getLastModifiedTime(jar(repo, service));
            files.filter(Files::isRegularFile)
                    .filter(file -> lastModified(file).compareTo(packaged) > 0)
                    .findAny()
                    .ifPresent(newer -> LOG.warnf("%s was packaged at %s, before %s changed: the system tests run the "
                            + "old build", service, packaged, repo.relativize(newer)));
        } catch (IOException | UncheckedIOException e) {
            LOG.debugf("Could not compare %s with its sources: %s", service, e);
        }
    }

    private static Stream<Path> walk(Path directory) {
        try {
            return Files.walk(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path jar(Path repo, String service) {
        return repo.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The repository root: -Dtierline.repo (set by the pom), else the working directory or its parent. */
    static Path repositoryRoot() {
        String configured = System.getProperty("tierline.repo");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        root = root.toAbsolutePath().normalize();
        if (configured == null && root.getFileName() != null && root.getFileName().toString().equals("system-tests")) {
            root = root.getParent();
        }
        return root;
    }

    private static int[] freePorts(int count) {
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            int port;
            do {
                port = io.tierline.systemtests.walkthrough.LocalStack.unusedPort();
            } while (contains(ports, port));
            ports[i] = port;
        }
        return ports;
    }

    private static boolean contains(int[] ports, int port) {
        for (int p : ports) {
            if (p == port) {
                return true;
            }
        }
        return false;
    }
}
