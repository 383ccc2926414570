package io.tomassure.events;

/** A message that is not a valid event of our catalogue: retrying it cannot help. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
