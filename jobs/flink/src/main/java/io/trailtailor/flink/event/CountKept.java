package io.trailtailor.flink.event;

import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.flink.stream.Counters;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.accumulators.LongMinimum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** Counts the distinct records that go on, and the time window they span, for {@code summary.json}. */
public final class CountKept {

    private CountKept() {}

    /** For CloudTrail records: distinct calls, denied calls, first and last event time. */
    public static final class ApiCalls extends RichMapFunction<ApiCallRow, ApiCallRow> {
        private transient LongCounter kept;
        private transient LongCounter denied;
        private transient LongMinimum first;
        private transient LongMaximum last;

        @Override
        public void open(OpenContext context) {
            kept = new LongCounter();
            denied = new LongCounter();
            first = new LongMinimum();
            last = new LongMaximum();
            getRuntimeContext().addAccumulator(Counters.API_CALLS_KEPT, kept);
            getRuntimeContext().addAccumulator(Counters.CALLS_DENIED, denied);
            getRuntimeContext().addAccumulator(Counters.FIRST_EVENT, first);
            getRuntimeContext().addAccumulator(Counters.LAST_EVENT, last);
        }

        @Override
        public ApiCallRow map(ApiCallRow call) {
            kept.add(1);
            long millis = call.getEventTime().toEpochMilli();
            first.add(millis);
            last.add(millis);
            if (io.trailtailor.event.ApiCall.isDenial(call.getErrorCode())) {
                denied.add(1);
            }
            return call;
        }
    }

    /** For audit events: distinct events. */
    public static final class AuditEvents extends RichMapFunction<AuditEventRow, AuditEventRow> {
        private transient LongCounter kept;

        @Override
        public void open(OpenContext context) {
            kept = new LongCounter();
            getRuntimeContext().addAccumulator(Counters.AUDIT_EVENTS_KEPT, kept);
        }

        @Override
        public AuditEventRow map(AuditEventRow event) {
            kept.add(1);
            return event;
        }
    }
}
