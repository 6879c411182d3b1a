package io.trailtailor.event;

/** Receives what a log file yields, record by record, as it is read. */
public interface RecordSink {

    void apiCall(ApiCall call);

    void auditEvent(AuditEvent event);

    void quarantined(Quarantined rejected);
}
