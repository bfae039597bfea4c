package io.tierline.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * {@code tierline.person.contact-methods-changed}: a person's contact methods changed in notification-service;
 * {@code types} are the kinds of the methods they have now (empty: pages cannot reach them). escalation-service keeps
 * it to tell which people an escalation policy would page in vain.
 */
public record ContactMethodsChanged(String personId, List<String> types, Instant changedAt) implements Event {

    public ContactMethodsChanged {
        types = types == null ? List.of() : List.copyOf(types);
    }

    /** People are keyed by their id. */
    @Override
    public String subject() {
        return "person:" + personId;
    }
}
