package io.trailtailor.flink.identity;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by the fact itself: lets each issuer fact through once. Thousands of sessions, calls and pods say the same
 * few things (one per service account and role); only the distinct ones go on to the single decision.
 */
final class DistinctFacts extends KeyedProcessFunction<String, Tuple2<String, String>, Tuple2<String, String>> {

    private transient ValueState<Boolean> seen;

    @Override
    public void open(OpenContext context) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Types.BOOLEAN));
    }

    @Override
    public void processElement(Tuple2<String, String> fact, Context ctx, Collector<Tuple2<String, String>> out)
            throws Exception {
        if (seen.value() == null) {
            seen.update(true);
            out.collect(fact);
        }
    }
}
