package io.tierline.platform.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A string in a request body that cannot be stored as sent; the message says why and is safe to show. */
public class InvalidTextException extends MismatchedInputException {

    private final String reason;

    InvalidTextException(JsonParser parser, String reason) {
        super(parser, reason, String.class);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
