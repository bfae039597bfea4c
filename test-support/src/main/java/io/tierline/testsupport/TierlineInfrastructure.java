package io.tierline.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The test resource of every service's {@code @QuarkusTest}s: a real Kafka broker, a fresh PostgreSQL database and
 * a token-signing key pair, wired in through the keys the services read ({@code kafka.bootstrap.servers},
 * {@code tierline.db.*}, {@code mp.jwt.verify.publickey.location}); rate limits raised out of the way. A
 * {@code QuarkusTestProfile}'s config overrides win over these values.
 * <p>
 * With the init argument {@value #DATABASE_BEHIND_PROXY} = true, the service reaches the database (at run time;
 * migrations go direct) through a {@link TcpProxy}, and the test's {@code AtomicBoolean} field is set to the switch
 * that cuts and restores it. Such a test also needs a {@code @TestProfile} of its own: between applications that
 * differ only in their test resources' arguments, the restart leaves the next one without its config mappings.
 */
public class TierlineInfrastructure implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE_BEHIND_PROXY = "database-behind-proxy";

    private final AtomicBoolean databaseReachable = new AtomicBoolean(true);
    private boolean behindProxy;
    private PostgresDatabase database;
    private TcpProxy proxy;

    @Override
    public void init(Map<String, String> initArgs) {
        behindProxy = Boolean.parseBoolean(initArgs.get(DATABASE_BEHIND_PROXY));
    }

    @Override
    public Map<String, String> start() {
        database = PostgresDatabase.create(System.getProperty("tierline.test.purpose", "svc"));
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", KafkaBroker.bootstrapServers());
        config.put("tierline.db.host", database.host());
        config.put("tierline.db.port", String.valueOf(database.port()));
        config.put("tierline.db.name", database.name());
        config.put("tierline.db.user", database.user());
        if (!database.password().isEmpty()) {
            config.put("tierline.db.password", database.password());
        }
        if (behindProxy) {
            proxy = TcpProxy.start(database.host(), database.port(), databaseReachable);
            config.put("quarkus.datasource.reactive.url",
                    "postgresql://127.0.0.1:" + proxy.port() + "/" + database.name());
        }
        Path keys = TestTokens.keyDirectory();
        // inline, so it also replaces the key pair smallrye-jwt invents in test mode when none is configured
        config.put("mp.jwt.verify.publickey", TestTokens.publicKeyPem());
        config.put(TestTokens.KEY_DIRECTORY_PROPERTY, keys.toString());
        // tests send thousands of requests as one caller; a test of the limits sets small ones in its profile
        for (String kind : List.of("caller", "integration-key")) {
            config.put("tierline.platform.rate-limit." + kind + ".rate", "1000000");
            config.put("tierline.platform.rate-limit." + kind + ".burst", "1000000");
        }
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        if (behindProxy) {
            injector.injectIntoFields(databaseReachable, new TestInjector.MatchesType(AtomicBoolean.class));
        }
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
