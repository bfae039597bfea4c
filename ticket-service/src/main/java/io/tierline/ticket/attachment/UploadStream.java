package io.tierline.ticket.attachment;

import io.smallrye.mutiny.Uni;
import io.tierline.platform.http.BodyLimits;
import io.tierline.platform.problem.ProblemException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Reads a request body as it arrives and hands each complete chunk to a sink, pausing the request until the sink is
 * done with it: a slow database slows the client down instead of filling memory. The sink runs on the request's own
 * Vert.x context (its database session lives there), whichever event loop the bytes arrive on.
 */
public final class UploadStream {

    private UploadStream() {
    }

    /**
     * Reads the whole body into {@code upload}, storing every chunk with {@code sink}, in order. Fails with a 413
     * problem when the body passes the upload's limit; the rest of the body is then never read, so the connection
     * is closed after the answer.
     */
    public static Uni<ChunkedUpload> read(HttpServerRequest request, ChunkedUpload upload,
                                          Function<byte[], Uni<Void>> sink) {
        Context context = Vertx.currentContext();
        Executor onContext = context == null ? Runnable::run : command -> context.runOnContext(ignored -> command.run());
        Uni<ChunkedUpload> read = Uni.createFrom().emitter(emitter -> {
            boolean[] stopped = {false};
            request.handler(piece -> {
                if (stopped[0]) {
                    return;
                }
                List<byte[]> chunks;
                try {
                    chunks = upload.add(piece.getBytes());
                } catch (ChunkedUpload.TooLarge tooLarge) {
                    stopped[0] = true;
                    request.pause();
                    request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
                    emitter.fail(new ProblemException(BodyLimits.tooLarge(tooLarge.maxSize)));
                    return;
                }
                if (chunks.isEmpty()) {
                    return;
                }
                request.pause();
                store(chunks, sink, onContext).subscribe().with(stored -> request.resume(), failure -> {
                    stopped[0] = true;
                    emitter.fail(failure);
                });
            });
            request.exceptionHandler(failure -> {
                if (!stopped[0]) {
                    stopped[0] = true;
                    emitter.fail(failure);
                }
            });
            request.endHandler(ended -> {
                if (stopped[0]) {
                    return;
                }
                store(upload.finish(), sink, onContext).subscribe().with(stored -> emitter.complete(upload),
                        emitter::fail);
            });
            if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
                request.response().writeContinue();
            }
            request.resume();
        });
        return read.emitOn(onContext);
    }

    private static Uni<Void> store(List<byte[]> chunks, Function<byte[], Uni<Void>> sink, Executor onContext) {
        Uni<Void> stored = Uni.createFrom().voidItem();
        for (byte[] chunk : chunks) {
            stored = stored.flatMap(ignored -> sink.apply(chunk));
        }
        return stored.runSubscriptionOn(onContext);
    }
}
