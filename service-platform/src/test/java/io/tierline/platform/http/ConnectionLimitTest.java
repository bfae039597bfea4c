package io.tierline.platform.http;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tierline.testsupport.TierlineInfrastructure;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A storm of senders that each hold a connection cannot run an instance out of file descriptors and heap: past
 * {@code quarkus.http.limits.max-connections} a new connection is closed at once, and once the crowd leaves the
 * instance answers again.
 */
@QuarkusTest
@WithTestResource(TierlineInfrastructure.class)
@TestProfile(ConnectionLimitTest.FewConnections.class)
class ConnectionLimitTest {

    private static final int LIMIT = 4;

    public static class FewConnections implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.limits.max-connections", String.valueOf(LIMIT));
        }
    }

    @TestHTTPResource("/q/health/live")
    URL live;

    @Test
    void shouldCloseConnectionsPastTheLimitAndAnswerAgainOnceTheCrowdLeaves() throws IOException {
        List<Socket> crowd = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT; i++) {
                crowd.add(holdOpen());
            }
            // every allowed connection is taken: the server closes the next one instead of serving it
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(get()).as("answer on a connection past the limit").isEmpty());
        } finally {
            for (Socket socket : crowd) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get()).as("answer once the crowd left").startsWith("HTTP/1.1 200"));
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(live.getHost(), live.getPort());
        socket.setSoTimeout(5000);
        return socket;
    }

    /** A connection that was answered once and is kept open, as a sender waiting to send its next event. */
    private Socket holdOpen() throws IOException {
        Socket socket = connect();
        socket.getOutputStream().write(("GET " + live.getPath() + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] status = new byte[12];
        assertThat(socket.getInputStream().readNBytes(status, 0, status.length)).isEqualTo(status.length);
        assertThat(new String(status, StandardCharsets.US_ASCII)).as("a connection within the limit")
                .isEqualTo("HTTP/1.1 200");
        return socket;
    }

    /** A GET on a connection of its own: the status line and what follows, or nothing when the server closed it. */
    private String get() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("GET " + live.getPath() + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (SocketTimeoutException e) {
            return "timed out";
        } catch (IOException e) { // reset by the server
            return "";
        }
    }
}
