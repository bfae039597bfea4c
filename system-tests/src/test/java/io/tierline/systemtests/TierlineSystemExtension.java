package io.tierline.systemtests;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts {@link TierlineSystem} once for a test class and stops it after the class, whatever happened. When a test
 * fails, the end of every service's log goes to the test output, next to the failure.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final TierlineSystemExtension tierline = new TierlineSystemExtension();
 * </pre>
 */
public final class TierlineSystemExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    /** Held so the levels stay set: JUL keeps only weak references to loggers. */
    private static final List<Logger> QUIETED = List.of(Logger.getLogger("org.apache.kafka"), Logger.getLogger("kafka"),
            Logger.getLogger("state.change.logger"), Logger.getLogger("org.testcontainers"));

    private TierlineSystem system;

    public TierlineSystem system() {
        if (system == null) {
            throw new IllegalStateException("Tierline is not running (register the extension on a static field)");
        }
        return system;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The in-process broker logs every partition and step at INFO; the services' own logs are in target/system-tests.
        QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
        Awaitility.setDefaultPollInterval(Duration.ofMillis(250));
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultTimeout(Duration.ofSeconds(30));
        system = TierlineSystem.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (system != null) {
            system.close();
            system = null;
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (system != null) {
            System.out.println("=== " + context.getDisplayName() + " failed; the services said:\n" + system.logTails(40));
        }
    }
}
