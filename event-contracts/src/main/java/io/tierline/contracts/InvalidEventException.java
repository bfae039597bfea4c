package io.tierline.contracts;

/** A record that can never be processed (broken envelope, unknown type, invalid data): it belongs in the dead-letter topic. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }
}
