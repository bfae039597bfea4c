package io.tierline.platform.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method that reads its request body itself, a piece at a time as it arrives (a file upload), so
 * no filter may read the body first. An {@code Idempotency-Key} on such a request is matched on the headers that
 * describe the body ({@link #DESCRIBING_HEADERS}) instead of its bytes; a client that wants a retry with other bytes
 * refused sends {@code Content-Digest}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface StreamedBody {

    /** The headers that stand for a streamed body in an idempotency fingerprint. */
    String[] DESCRIBING_HEADERS = {"Content-Length", "Content-Type", "Content-Disposition", "Content-Digest"};
}
