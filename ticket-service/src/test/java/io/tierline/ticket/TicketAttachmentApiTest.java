package io.tierline.ticket;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tierline.testsupport.TestTokens;
import io.tierline.testsupport.TierlineInfrastructure;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Diagnostic artifacts on a ticket: uploaded as they are, kept with a checksum and a sniffed type, downloaded only. */
@QuarkusTest
@WithTestResource(TierlineInfrastructure.class)
class TicketAttachmentApiTest {

    private static final byte[] PNG = HexFormat.of().parseHex(
            "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005"
                    + "0001ff8a2d0c7b0000000049454e44ae426082");

    @TestHTTPResource("/")
    URL base;

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static RequestSpecification agent() {
        return as(TestTokens.forRole("agent", "dana"));
    }

    private static String customer() {
        return as(TestTokens.forRole("admin", "admin")).contentType(ContentType.JSON)
                .body("{\"name\":\"Files " + UUID.randomUUID() + "\",\"plan\":\"ENTERPRISE\"}")
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");
    }

    private static String ticket(String customer) {
        return agent().contentType(ContentType.JSON)
                .body("{\"customerId\":\"" + customer + "\",\"severity\":\"SEV2\",\"title\":\"Checkout times out\"}")
                .post("/api/v1/tickets").then().statusCode(201).extract().path("id");
    }

    private static String comment(RequestSpecification caller, String ticket, String visibility, String authorType) {
        return caller.contentType(ContentType.JSON)
                .body("{\"body\":\"see attached\",\"visibility\":\"" + visibility + "\",\"authorType\":\"" + authorType
                        + "\",\"author\":\"someone\"}")
                .post("/api/v1/tickets/" + ticket + "/comments").then().statusCode(201).extract().path("id");
    }

    private static Response upload(RequestSpecification caller, String ticket, String query, String filename,
                                   byte[] bytes) {
        return caller.contentType("application/octet-stream")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .body(bytes)
                .post("/api/v1/tickets/" + ticket + "/attachments" + query);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    @Test
    void shouldKeepALargeUploadByteForByteAndServeItOnlyAsADownload() throws Exception {
        String ticket = ticket(customer());
        // larger than the API's 512 KB body limit and than several chunks: attachments have their own limit
        byte[] har = randomBytes(3 * 1024 * 1024 + 12345);
        String id = upload(agent(), ticket, "", "checkout.har", har).then().statusCode(201)
                .header("Location", containsString("/api/v1/tickets/" + ticket + "/attachments/"))
                .body("filename", equalTo("checkout.har"))
                .body("sizeBytes", equalTo(har.length))
                .body("sha256", equalTo(HexFormat.of().formatHex(sha256(har))))
                .body("customerVisible", equalTo(false))
                .body("uploadedBy", equalTo("dana"))
                .extract().path("id");

        Response download = agent().get("/api/v1/tickets/" + ticket + "/attachments/" + id + "/content");
        download.then().statusCode(200)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Disposition", containsString("attachment; filename=\"checkout.har\""))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("sandbox"))
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(sha256(har)) + ":");
        assertThat(download.asByteArray()).isEqualTo(har);

        agent().get("/api/v1/tickets/" + ticket + "/attachments").then().statusCode(200)
                .body("id", hasItem(id));
        agent().get("/api/v1/tickets/" + ticket + "/timeline").then().statusCode(200)
                .body("summary", hasItem(containsString("File attached by dana: checkout.har")));
    }

    @Test
    void shouldSniffWhatTheBytesAreWhateverTheNameAndTypeSay() {
        String ticket = ticket(customer());
        agent().contentType("text/plain")
                .header("Content-Disposition", "attachment; filename=\"notes.txt\"")
                .body(PNG).post("/api/v1/tickets/" + ticket + "/attachments")
                .then().statusCode(201).body("contentType", equalTo("image/png"));
        upload(agent(), ticket, "", "server.log", "2026-11-29 ERROR pool exhausted\n".getBytes())
                .then().statusCode(201).body("contentType", equalTo("text/x-log"));
        // a name from a browser keeps only its last segment
        upload(agent(), ticket, "", "C:\\\\Users\\\\rita\\\\config.yaml", "a: 1\n".getBytes())
                .then().statusCode(201).body("filename", equalTo("config.yaml"));
        agent().contentType("application/octet-stream").body(PNG)
                .post("/api/v1/tickets/" + ticket + "/attachments?filename=screen.png")
                .then().statusCode(201).body("filename", equalTo("screen.png"));
    }

    @Test
    void shouldRefuseAnUploadOverTheLimitAndKeepNothing() throws Exception {
        String ticket = ticket(customer());
        byte[] tooLarge = new byte[25 * 1024 * 1024 + 1];
        // a declared length over the limit: refused before a byte is read
        upload(agent(), ticket, "", "dump.bin", tooLarge).then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("25 MB"));
        // a chunked body that grows past it while it is read
        HttpRequest streamed = HttpRequest.newBuilder(URI.create(base + "api/v1/tickets/" + ticket + "/attachments"))
                .headers("Authorization", "Bearer " + TestTokens.forRole("agent", "dana"),
                        "Content-Type", "application/octet-stream",
                        "Content-Disposition", "attachment; filename=\"dump.bin\"")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(tooLarge)))
                .build();
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newHttpClient().send(streamed, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(413);
        } catch (java.io.IOException closedWhileSending) {
            // the server answers 413 and closes the connection; a client still sending may see only the close
        }
        agent().get("/api/v1/tickets/" + ticket + "/attachments").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void shouldRefuseBadUploadsWithProblemsAndKeepNothing() throws Exception {
        String ticket = ticket(customer());
        byte[] log = "line\n".getBytes();
        agent().contentType("application/octet-stream").header("Content-Digest",
                        "sha-256=:" + Base64.getEncoder().encodeToString(sha256("other".getBytes())) + ":")
                .header("Content-Disposition", "attachment; filename=\"a.log\"").body(log)
                .post("/api/v1/tickets/" + ticket + "/attachments")
                .then().statusCode(422).body("errors.field", hasItem("Content-Digest"));
        agent().contentType("application/octet-stream").header("Content-Digest",
                        "sha-256=:" + Base64.getEncoder().encodeToString(sha256(log)) + ":")
                .header("Content-Disposition", "attachment; filename=\"a.log\"").body(log)
                .post("/api/v1/tickets/" + ticket + "/attachments")
                .then().statusCode(201);
        agent().contentType("application/octet-stream").body(log).post("/api/v1/tickets/" + ticket + "/attachments")
                .then().statusCode(422).body("errors.field", hasItem("filename"));
        upload(agent(), ticket, "", "empty.log", new byte[0]).then().statusCode(422)
                .body("errors.field", hasItem("body"));
        agent().contentType("multipart/form-data; boundary=x").body("--x--".getBytes())
                .post("/api/v1/tickets/" + ticket + "/attachments?filename=a.log").then().statusCode(415);
        upload(agent(), ticket, "?commentId=" + UUID.randomUUID(), "a.log", log).then().statusCode(422)
                .body("errors.field", hasItem("commentId"));
        upload(agent(), UUID.randomUUID().toString(), "", "a.log", log).then().statusCode(404);
        upload(as(TestTokens.forRole("viewer", "vic")), ticket, "", "a.log", log).then().statusCode(403);

        agent().get("/api/v1/tickets/" + ticket + "/attachments").then().statusCode(200)
                .body("size()", equalTo(1));
    }

    @Test
    void shouldShowTheCustomerOnlyTheirOwnUploadsAndThoseOnPublicReplies() {
        String acme = customer();
        String ticket = ticket(acme);
        String rita = TestTokens.forCustomer(UUID.fromString(acme), "rita@acme.example");
        String reply = comment(agent(), ticket, "PUBLIC", "AGENT");
        String note = comment(agent(), ticket, "INTERNAL", "AGENT");
        String ritasReply = comment(as(rita), ticket, "PUBLIC", "CUSTOMER");

        String staffOnly = upload(agent(), ticket, "", "internal.log", "x".getBytes()).then().statusCode(201)
                .extract().path("id");
        String onNote = upload(agent(), ticket, "?commentId=" + note, "heap.txt", "x".getBytes()).then()
                .statusCode(201).body("customerVisible", equalTo(false)).extract().path("id");
        String onReply = upload(agent(), ticket, "?commentId=" + reply, "fix.txt", "x".getBytes()).then()
                .statusCode(201).body("customerVisible", equalTo(true)).body("commentId", equalTo(reply))
                .extract().path("id");
        String fromRita = upload(as(rita), ticket, "?commentId=" + ritasReply, "browser.har", "{}".getBytes())
                .then().statusCode(201).body("customerVisible", equalTo(true))
                .body("$", not(org.hamcrest.Matchers.hasKey("uploadedBy"))).extract().path("id");

        List<String> seen = as(rita).get("/api/v1/tickets/" + ticket + "/attachments").then().statusCode(200)
                .extract().jsonPath().getList("id");
        assertThat(seen).containsExactlyInAnyOrder(onReply, fromRita);
        as(rita).get("/api/v1/tickets/" + ticket + "/attachments/" + staffOnly + "/content").then().statusCode(404);
        as(rita).get("/api/v1/tickets/" + ticket + "/attachments/" + onNote).then().statusCode(404);
        assertThat(as(rita).get("/api/v1/tickets/" + ticket + "/attachments/" + onReply + "/content").then()
                .statusCode(200).extract().asByteArray()).isEqualTo("x".getBytes());
        // an agent's reply is not the customer's to attach to; another customer's ticket does not exist for them
        upload(as(rita), ticket, "?commentId=" + reply, "a.txt", "x".getBytes()).then().statusCode(403);
        String other = ticket(customer());
        upload(as(rita), other, "", "a.txt", "x".getBytes()).then().statusCode(404);
        as(rita).get("/api/v1/tickets/" + other + "/attachments").then().statusCode(404);
        agent().get("/api/v1/tickets/" + ticket + "/attachments").then().statusCode(200).body("size()", equalTo(4));
    }

    @Test
    void shouldTakeARetriedUploadWithOneIdempotencyKeyOnce() {
        String ticket = ticket(customer());
        String key = UUID.randomUUID().toString();
        String first = agent().header("Idempotency-Key", key).contentType("application/octet-stream")
                .header("Content-Disposition", "attachment; filename=\"a.log\"").body("same".getBytes())
                .post("/api/v1/tickets/" + ticket + "/attachments").then().statusCode(201).extract().path("id");
        agent().header("Idempotency-Key", key).contentType("application/octet-stream")
                .header("Content-Disposition", "attachment; filename=\"a.log\"").body("same".getBytes())
                .post("/api/v1/tickets/" + ticket + "/attachments").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));
        agent().header("Idempotency-Key", key).contentType("application/octet-stream")
                .header("Content-Disposition", "attachment; filename=\"b.log\"").body("other".getBytes())
                .post("/api/v1/tickets/" + ticket + "/attachments").then().statusCode(422);
        agent().get("/api/v1/tickets/" + ticket + "/attachments").then().body("size()", equalTo(1));
    }

    @Test
    void shouldLetAnL3ReproductionPackageReferTheTicketsAttachments() {
        String ticket = ticket(customer());
        String log = upload(agent(), ticket, "", "trace.log", "stack".getBytes()).then().statusCode(201)
                .extract().path("id");
        String body = """
                {"targetTier":"L3","reason":"defect","reproduction":{"steps":"1. pay","environment":"prod",
                 "productVersion":"4.2","expected":"paid","actual":"500","logReferences":["trace 1"],
                 "impact":{"affectedUsers":10,"since":"2026-11-29T02:00:00Z","workaround":false},
                 "attachmentIds":["%s"]}}""";
        agent().contentType(ContentType.JSON).body(body.formatted(UUID.randomUUID()))
                .post("/api/v1/tickets/" + ticket + "/escalations").then().statusCode(422)
                .body("errors.field", hasItem("reproduction.attachmentIds"));
        agent().contentType(ContentType.JSON).body(body.formatted(log))
                .post("/api/v1/tickets/" + ticket + "/escalations").then().statusCode(201)
                .body("reproduction.attachmentIds", hasItem(log));
    }
}
