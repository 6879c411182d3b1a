package io.trailtailor.flink.policy;

import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.sink.RefreshedFile;
import io.trailtailor.flink.stream.Counters;
import io.trailtailor.rbac.K8sAccess;
import io.trailtailor.rbac.RbacResult;
import io.trailtailor.rbac.RbacSynthesizer;
import io.trailtailor.rbac.RbacYamlRenderer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Holds one (cluster, principal)'s request kinds as an upsert table (a newer count of a request kind replaces the
 * older one) and, when event time passes the newest row (one coalesced timer per key; in BATCH once, at the end of
 * the key), has the core size RBAC to them. Emits {@code rbac/<cluster>/<principal>.yaml} for {@link
 * io.trailtailor.flink.sink.RefreshedFilesSink}; counts a principal once however often its file is refreshed.
 */
final class SynthesizeRbac extends KeyedProcessFunction<String, AccessRow, RefreshedFile> {

    /** The core's options are not Serializable: they are derived on the task. */
    private final AnalyzeOptions options;

    private transient RbacSynthesizer synthesizer;
    private transient RbacYamlRenderer renderer;
    private transient MapState<String, AccessRow> rows;
    private transient ValueState<Long> pendingTimer;
    private transient ValueState<Boolean> counted;
    private transient LongCounter principals;

    SynthesizeRbac(AnalyzeOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext context) {
        synthesizer = new RbacSynthesizer(PolicyStage.rbacOptions(options));
        renderer = new RbacYamlRenderer();
        rows = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("rows", Types.STRING, TypeInformation.of(AccessRow.class)));
        pendingTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-timer", Types.LONG));
        counted = getRuntimeContext().getState(new ValueStateDescriptor<>("counted", Types.BOOLEAN));
        principals = new LongCounter();
        getRuntimeContext().addAccumulator(Counters.RBAC_PRINCIPALS, principals);
    }

    @Override
    public void processElement(AccessRow row, Context ctx, Collector<RefreshedFile> out) throws Exception {
        rows.put(row.accessKey(), row);
        if (pendingTimer.value() == null) {
            long watermark = ctx.timerService().currentWatermark();
            Long timestamp = ctx.timestamp();
            long at = Math.max(timestamp == null ? Long.MIN_VALUE : timestamp, watermark + 1);
            ctx.timerService().registerEventTimeTimer(at);
            pendingTimer.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RefreshedFile> out) throws Exception {
        pendingTimer.clear();
        List<AccessRow> held = new ArrayList<>();
        for (AccessRow r : rows.values()) {
            held.add(r);
        }
        if (held.isEmpty()) {
            return;
        }
        held.sort(Comparator.comparing(AccessRow::accessKey)); // the map's order is the state backend's
        List<K8sAccess> accesses = new ArrayList<>(held.size());
        held.forEach(r -> accesses.add(r.toAccess()));
        K8sAccess first = accesses.get(0);
        RbacResult result = synthesizer.synthesizeOne(first.cluster(), first.principal(), accesses);
        if (result.roles().isEmpty()) {
            return; // only denied requests, not granted: nothing to bind
        }
        out.collect(RefreshedFile.of(result.relativePath(), renderer.render(result)));
        if (counted.value() == null) {
            principals.add(1);
            counted.update(true);
        }
    }
}
