package io.tierline.ticket.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tierline.platform.http.StreamedBody;
import io.tierline.platform.problem.Problem;
import io.tierline.platform.problem.ProblemException;
import io.tierline.platform.rest.Created;
import io.tierline.platform.security.Roles;
import io.tierline.ticket.attachment.ContentDigest;
import io.tierline.ticket.attachment.Filenames;
import io.tierline.ticket.domain.Attachment;
import io.tierline.ticket.security.CustomerCaller;
import io.tierline.ticket.service.Attachments;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Diagnostic artifacts on a ticket: logs, HAR files, screenshots, configuration dumps. Uploaded as the raw request
 * body, streamed into the database; served back only as downloads.
 */
@Cancellable(false)
@Path("/api/v1/tickets/{id}/attachments")
@Tag(name = "Tickets")
public class TicketAttachmentResource {

    /**
     * @param contentType     what the bytes are (sniffed), whatever the uploader said
     * @param sha256          hex SHA-256 of the bytes
     * @param customerVisible whether the customer sees it: they uploaded it, or it belongs to a public reply
     */
    public record AttachmentView(UUID id, UUID ticketId, UUID commentId, String filename, String contentType,
                                 long sizeBytes, String sha256, boolean customerVisible, @Internal String uploadedBy,
                                 Instant uploadedAt) {
        static AttachmentView of(Attachment a) {
            return new AttachmentView(a.id, a.ticketId, a.commentId, a.filename, a.contentType, a.sizeBytes, a.sha256,
                    a.customerVisible, a.uploadedBy, a.uploadedAt);
        }

        static AttachmentView forCustomer(Attachment a) {
            return new AttachmentView(a.id, a.ticketId, a.commentId, a.filename, a.contentType, a.sizeBytes, a.sha256,
                    a.customerVisible, null, a.uploadedAt);
        }
    }

    private final Attachments attachments;
    private final SecurityIdentity identity;

    TicketAttachmentResource(Attachments attachments, SecurityIdentity identity) {
        this.attachments = attachments;
        this.identity = identity;
    }

    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.CUSTOMER})
    @POST
    @StreamedBody
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a file to the ticket, or to one of its comments (commentId)",
            description = "The request body is the file's bytes, as they are (not a multipart form), up to"
                    + " tierline.ticket.attachments.max-size (25 MB; 413 beyond). Name it with Content-Disposition"
                    + " (attachment; filename=\"app.har\") or the filename parameter. Send Content-Digest"
                    + " (sha-256=:<base64>:) to have the bytes checked. A staff upload to the ticket or to an internal"
                    + " note is staff-only; one to a public reply, or any customer's upload, the customer sees too.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Uni<RestResponse<AttachmentView>> upload(@PathParam("id") UUID id,
                                                    @QueryParam("commentId") UUID commentId,
                                                    @QueryParam("filename") @Size(max = 1000) String filename,
                                                    @HeaderParam("Content-Disposition") @Size(max = 2000) String disposition,
                                                    @HeaderParam(HttpHeaders.CONTENT_TYPE) @Size(max = 1000) String declaredType,
                                                    @HeaderParam("Content-Digest") @Size(max = 1000) String digest,
                                                    @Context HttpServerRequest request, UriInfo uri) {
        if (declaredType != null && declaredType.toLowerCase().startsWith("multipart/")) {
            throw new ProblemException(Problem.of(415, "multipart-not-taken", "Send the file's bytes as the body",
                    "Attachments are uploaded as the raw request body, named with Content-Disposition or the"
                            + " filename parameter, not as a multipart form", List.of(
                            new Problem.FieldError("Content-Type", "multipart bodies are not taken here"))));
        }
        String name = Filenames.clean(Filenames.fromContentDisposition(disposition).orElse(filename))
                .orElseThrow(() -> ProblemException.unprocessable("filename-required", "File name required",
                        "Name the file with Content-Disposition (attachment; filename=\"...\") or the filename"
                                + " parameter", List.of(new Problem.FieldError("filename", "is required"))));
        Optional<byte[]> sha256;
        try {
            sha256 = ContentDigest.sha256(digest);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Content-Digest", e.getMessage());
        }
        Optional<UUID> customer = CustomerCaller.customerOf(identity);
        Attachments.Upload upload = new Attachments.Upload(id, commentId, name,
                declaredType,
                sha256, identity.getPrincipal().getName(), customer);
        return attachments.upload(upload, request)
                .map(a -> Created.at(uri, a.id, customer.isPresent() ? AttachmentView.forCustomer(a)
                        : AttachmentView.of(a)));
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN, Roles.CUSTOMER})
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The ticket's attachments, oldest first",
            description = "A customer sees only their own uploads and those on public replies.")
    public Uni<List<AttachmentView>> list(@PathParam("id") UUID id) {
        Optional<UUID> customer = CustomerCaller.customerOf(identity);
        return attachments.of(id, customer).map(found -> found.stream()
                .map(customer.isPresent() ? AttachmentView::forCustomer : AttachmentView::of).toList());
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN, Roles.CUSTOMER})
    @GET
    @Path("/{attachmentId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One attachment's details: name, sniffed type, size, SHA-256")
    public Uni<AttachmentView> get(@PathParam("id") UUID id, @PathParam("attachmentId") UUID attachmentId) {
        Optional<UUID> customer = CustomerCaller.customerOf(identity);
        return attachments.get(id, attachmentId, customer)
                .map(customer.isPresent() ? AttachmentView::forCustomer : AttachmentView::of);
    }

    @RolesAllowed({Roles.VIEWER, Roles.AGENT, Roles.ADMIN, Roles.CUSTOMER})
    @GET
    @Path("/{attachmentId}/content")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Download an attachment's bytes",
            description = "Always as a download (Content-Disposition: attachment, application/octet-stream, nosniff,"
                    + " a sandboxing Content-Security-Policy), never shown inline, whatever it holds. Repr-Digest"
                    + " carries its SHA-256.")
    public RestMulti<byte[]> download(@PathParam("id") UUID id, @PathParam("attachmentId") UUID attachmentId) {
        Optional<UUID> customer = CustomerCaller.customerOf(identity);
        return RestMulti.fromUniResponse(attachments.get(id, attachmentId, customer), attachments::content,
                TicketAttachmentResource::downloadHeaders);
    }

    private static Map<String, List<String>> downloadHeaders(Attachment a) {
        return Map.of(
                HttpHeaders.CONTENT_TYPE, List.of(MediaType.APPLICATION_OCTET_STREAM),
                "Content-Disposition", List.of(Filenames.downloadDisposition(a.filename)),
                "X-Content-Type-Options", List.of("nosniff"),
                "Content-Security-Policy", List.of("default-src 'none'; sandbox"),
                "Repr-Digest", List.of(ContentDigest.of(HexFormat.of().parseHex(a.sha256))),
                HttpHeaders.ETAG, List.of("\"" + a.sha256 + "\""),
                HttpHeaders.CACHE_CONTROL, List.of("private, no-cache"));
    }
}
