package io.trailtailor.flink.policy;

/**
 * CloudTrail events of one (eventSource, eventName) that the catalog could not turn into IAM actions, counted, with
 * the smallest event id as an example. A Flink POJO.
 */
public class UnmappedEvent {

    public String eventSource;
    public String eventName;
    /** {@code UNMAPPED} or {@code UNKNOWN_SERVICE}. */
    public String status;

    public String explanation;
    public long count;
    public String exampleEventId;

    public UnmappedEvent() {}

    public String key() {
        return eventSource + '\u0000' + eventName;
    }

    /** Sum of two groups of the same key; the example is the smallest event id, so any order gives the same row. */
    public static UnmappedEvent merge(UnmappedEvent a, UnmappedEvent b) {
        UnmappedEvent m = new UnmappedEvent();
        m.eventSource = a.eventSource;
        m.eventName = a.eventName;
        UnmappedEvent first = a.exampleEventId.compareTo(b.exampleEventId) <= 0 ? a : b;
        m.status = first.status;
        m.explanation = first.explanation;
        m.exampleEventId = first.exampleEventId;
        m.count = a.count + b.count;
        return m;
    }
}
