package io.tomassure.outbox;

/** A well-formed event that this consumer can never apply (e.g. it contradicts the consumer's state). */
public class UnprocessableEventException extends RuntimeException {

    public UnprocessableEventException(String message) {
        super(message);
    }
}
