package io.trailtailor.event;

import java.util.ArrayList;
import java.util.List;

/** Keeps everything a reader yields, for assertions. */
class CollectingSink implements RecordSink {

    final List<ApiCall> calls = new ArrayList<>();
    final List<AuditEvent> events = new ArrayList<>();
    final List<Quarantined> quarantined = new ArrayList<>();

    @Override
    public void apiCall(ApiCall call) {
        calls.add(call);
    }

    @Override
    public void auditEvent(AuditEvent event) {
        events.add(event);
    }

    @Override
    public void quarantined(Quarantined rejected) {
        quarantined.add(rejected);
    }

    /** Everything collected as text, to search for leaked secrets. */
    String everything() {
        return calls + "\n" + events + "\n" + quarantined;
    }
}
