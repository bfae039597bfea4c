package io.tierline.ticket;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import io.tierline.contracts.Plan;
import io.tierline.contracts.Severity;
import io.tierline.testsupport.LogCapture;
import io.tierline.testsupport.DatabaseLocks;
import io.tierline.testsupport.TierlineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.tierline.ticket.TicketApiTest.createCustomer;
import static io.tierline.ticket.TicketApiTest.createTicket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A client that disconnects while its write is waiting in the database: the request the server started runs to its
 * end, committed once with its event, and its session is neither closed under a running statement nor touched by two
 * threads (cancelled, it was: "Session/EntityManager is closed", "Live transaction detected while closing the
 * connection", "possible non-threadsafe access to session", and the change lost). The client may send it again with its Idempotency-Key to learn the
 * answer.
 */
@QuarkusTest
@TestSecurity(user = "dana", roles = {"agent", "admin"})
@WithTestResource(TierlineInfrastructure.class)
class ClientDisconnectTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldFinishAWriteWhoseClientLeftAndLeaveTheSessionClean() throws Exception {
        String ticket = createTicket(createCustomer(Plan.ENTERPRISE), Severity.SEV2);
        String etag = given().get("/api/v1/tickets/" + ticket).then().statusCode(200).extract().header("ETag");
        String body = "{\"status\":\"IN_PROGRESS\",\"assignee\":\"alice\"}";

        try (LogCapture log = LogCapture.start();
             Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("select 1 from ticket where id = ? for update")) {
                lock.setObject(1, UUID.fromString(ticket));
                lock.executeQuery().close();
            }
            URI base = URI.create(RestAssured.baseURI + ":" + RestAssured.port);
            try (Socket client = new Socket(base.getHost(), base.getPort())) {
                OutputStream out = client.getOutputStream();
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                out.write(("PATCH /api/v1/tickets/" + ticket + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/merge-patch+json\r\nIf-Match: " + etag + "\r\n"
                        + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
                // the write now waits for the row lock; the client gives up and goes
                await().atMost(Duration.ofSeconds(10)).until(() -> DatabaseLocks.anotherSessionWaits(holder));
            }
            Thread.sleep(300);
            holder.rollback();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    given().get("/api/v1/tickets/" + ticket).then().statusCode(200)
                            .body("status", equalTo("IN_PROGRESS")).body("assignee", equalTo("alice")));
            assertThat(log.text()).doesNotContain("non-threadsafe").doesNotContain("Session/EntityManager is closed")
                    .doesNotContain("Live transaction detected");
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from outbox where subject = ? and event_type = 'tierline.ticket.status-changed'")) {
            statement.setString(1, ticket);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("status-changed events").isEqualTo(1);
            }
        }
        // and the service goes on answering: nothing was left holding a connection
        for (int i = 0; i < 20; i++) {
            given().get("/api/v1/tickets/" + ticket).then().statusCode(200);
        }
    }
}
