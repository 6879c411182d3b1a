package io.trailtailor.flink.source.sqs;

import java.util.List;

/**
 * What one SQS message body said: objects to read, nothing to read (a test event, a removal), or nothing readable at
 * all with the reason why (the message is still deleted after its checkpoint, never redelivered for ever).
 */
public record ParsedNotification(Outcome outcome, List<NotifiedObject> objects, String reason) {

    /** The three things a message can be. */
    public enum Outcome {
        OBJECTS,
        IGNORED,
        MALFORMED
    }

    public static ParsedNotification objects(List<NotifiedObject> objects) {
        return new ParsedNotification(Outcome.OBJECTS, List.copyOf(objects), null);
    }

    public static ParsedNotification ignored(String why) {
        return new ParsedNotification(Outcome.IGNORED, List.of(), why);
    }

    public static ParsedNotification malformed(String why) {
        return new ParsedNotification(Outcome.MALFORMED, List.of(), why);
    }
}
