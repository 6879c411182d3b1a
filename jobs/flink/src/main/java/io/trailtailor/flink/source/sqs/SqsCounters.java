package io.trailtailor.flink.source.sqs;

/**
 * What an SQS discovery has done since it started (not checkpointed: the source turns them into Flink metrics).
 * Every object named ends in exactly one of files returned, duplicates, outside the prefixes or filtered out, and
 * every other message in ignored or malformed, so
 * nothing that came off the queue disappears uncounted.
 */
public final class SqsCounters {

    /** Messages received (redeliveries included). */
    public long messagesReceived;
    /** Files handed to the source. */
    public long filesReturned;
    /** Objects named again within the dedup window (redeliveries, S3's duplicate notifications). */
    public long duplicateObjects;
    /** Test events and events other than object creation. */
    public long ignoredMessages;
    /** Objects outside every {@code --cloudtrail}/{@code --k8s-audit} prefix. */
    public long outsidePrefixes;
    /** CloudTrail objects of accounts, regions or days that {@code --accounts/--regions/--from/--to} leave out. */
    public long filteredOut;
    /** Messages that were not a notification at all (see the quarantine). */
    public long malformedMessages;
    /** Messages deleted after the checkpoint that covered them. */
    public long messagesDeleted;
    /** Deletes SQS refused (the message comes back; the dedup window drops its files then). */
    public long deleteFailures;
    /** Quarantine entries dropped because nobody took them before the bound. */
    public long quarantineOverflow;

    SqsCounters copy() {
        SqsCounters c = new SqsCounters();
        c.messagesReceived = messagesReceived;
        c.filesReturned = filesReturned;
        c.duplicateObjects = duplicateObjects;
        c.ignoredMessages = ignoredMessages;
        c.outsidePrefixes = outsidePrefixes;
        c.filteredOut = filteredOut;
        c.malformedMessages = malformedMessages;
        c.messagesDeleted = messagesDeleted;
        c.deleteFailures = deleteFailures;
        c.quarantineOverflow = quarantineOverflow;
        return c;
    }
}
