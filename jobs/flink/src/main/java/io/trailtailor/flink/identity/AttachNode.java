package io.trailtailor.flink.identity;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/** Keyed by EC2 instance id: the node the audit log knows for the instance (first input) joins its calls. */
final class AttachNode extends KeyedCoProcessFunction<String, Tuple2<String, String>, NodeCall, NodeCall> {

    private transient ValueState<String> node;

    @Override
    public void open(OpenContext context) {
        node = getRuntimeContext().getState(new ValueStateDescriptor<>("node", Types.STRING));
    }

    @Override
    public void processElement1(Tuple2<String, String> identity, Context ctx, Collector<NodeCall> out)
            throws Exception {
        node.update(identity.f1);
    }

    @Override
    public void processElement2(NodeCall call, Context ctx, Collector<NodeCall> out) throws Exception {
        out.collect(new NodeCall(call.call, call.session, node.value()));
    }
}
