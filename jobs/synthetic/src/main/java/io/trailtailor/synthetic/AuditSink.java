package io.trailtailor.synthetic;

import java.io.IOException;

/** Where one cluster's audit events go, in one of the two delivery layouts CloudWatch Logs offers. */
interface AuditSink {
    /** {@code ingestMs}: CloudWatch ingestion time of the event; {@code json}: one audit Event, one line. */
    void write(long ingestMs, byte[] json) throws IOException;

    void finish() throws IOException;

    int files();

    int skippedFiles();
}
