package io.tierline.platform.idempotency;

/**
 * An answer as it is kept to be sent again: its status, the headers a client acts on, and its body's bytes.
 *
 * @param body null when the answer had no body
 */
record StoredAnswer(int status, String contentType, String location, String etag, byte[] body) {

    /**
     * Whether an answer with this status is kept and repeated: a success, or a refusal of the request as sent (a
     * 4xx), which a retry would only meet again. A server error or a 429 (rate limited) says "try again": the key is
     * released, so the retry runs.
     */
    static boolean keeps(int status) {
        return status >= 200 && status < 300 || status >= 400 && status < 500 && status != 429;
    }
}
