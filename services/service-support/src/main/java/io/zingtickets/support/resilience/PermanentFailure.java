package io.zingtickets.support.resilience;

/**
 * A failure that no retry can cure, because the input itself is at fault: the message goes to the
 * dead-letter topic instead of blocking its partition. The message never contains field values, as
 * it ends up in logs and in the dead-letter record's headers.
 */
public class PermanentFailure extends RuntimeException {

    public PermanentFailure(String message) {
        super(message, null, false, false);
    }
}
