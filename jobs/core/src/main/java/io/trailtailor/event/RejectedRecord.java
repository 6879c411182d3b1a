package io.trailtailor.event;

/** Thrown by the record parsers when a record cannot be used; the message is the quarantine reason. */
public final class RejectedRecord extends Exception {

    public RejectedRecord(String reason) {
        super(reason, null, false, false);
    }
}
