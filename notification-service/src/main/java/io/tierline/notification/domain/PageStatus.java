package io.tierline.notification.domain;

/**
 * PENDING until a channel accepts the page (DELIVERED) or every attempt failed (FAILED). ACKNOWLEDGED may follow
 * any of them: a person can ack from the console a page that never reached them.
 */
public enum PageStatus {
    PENDING, DELIVERED, FAILED, ACKNOWLEDGED
}
