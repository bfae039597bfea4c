package io.tierline.contracts.events;

/** A person on call for a ticket; {@code id} names them in notification-service's contact methods. */
public record Responder(String id, String name) {
}
