package io.trailtailor.flink.identity;

import io.trailtailor.flink.stream.Counters;
import io.trailtailor.identity.AttributedCall;
import io.trailtailor.identity.Mechanism;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * The summary's calls.* counters, kept by every operator that attributes calls (Flink adds same-named counters):
 * calls that name a workload (cluster, namespace and service account), and calls no identity could be found for.
 */
final class CallCounts {

    private final LongCounter toWorkload = new LongCounter();
    private final LongCounter unattributed = new LongCounter();

    CallCounts(RuntimeContext context) {
        context.addAccumulator(Counters.CALLS_ATTRIBUTED_TO_WORKLOAD, toWorkload);
        context.addAccumulator(Counters.CALLS_UNATTRIBUTED, unattributed);
    }

    void add(AttributedCall c) {
        if (c.attributedToWorkload()) {
            toWorkload.add(1);
        }
        if (c.mechanism() == null || c.mechanism() == Mechanism.UNKNOWN) {
            unattributed.add(1);
        }
    }
}
