package io.tierline.contracts.events;

/**
 * An event a Tierline service emits: its {@link #subject()} is both its {@code ce_subject} and its record key, so the
 * events about one subject stay in order.
 */
public interface Event {

    String subject();
}
