package io.tierline.platform.idempotency;

import java.util.UUID;

/** What a request that carries an {@code Idempotency-Key} may do, given what is recorded for its caller and key. */
sealed interface Claim {

    /** The key is new to the caller (or its earlier use failed): this request runs, and its answer is kept. */
    record Granted(UUID id) implements Claim {
    }

    /** The same request was answered before: that answer again, and nothing applied. */
    record Replay(StoredAnswer answer) implements Claim {
    }

    /** The same request was applied, but its answer held a secret that is not kept. */
    record AnswerNotKept(String location) implements Claim {
    }

    /** The same request is still being processed. */
    record InUse() implements Claim {
    }

    /** The key was first used for another request. */
    record Reused() implements Claim {
    }

    /** The outcome for a request whose caller and key are already recorded. */
    static Claim forExisting(IdempotencyRecord existing, String fingerprint) {
        if (!existing.fingerprint.equals(fingerprint)) {
            return new Reused();
        }
        if (existing.completedAt == null) {
            return new InUse();
        }
        if (existing.answerWithheld) {
            return new AnswerNotKept(existing.location);
        }
        return new Replay(new StoredAnswer(existing.status, existing.contentType, existing.location, existing.etag,
                existing.body));
    }
}
