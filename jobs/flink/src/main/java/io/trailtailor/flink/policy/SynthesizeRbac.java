package io.trailtailor.flink.policy;

import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.stream.Counters;
import io.trailtailor.rbac.K8sAccess;
import io.trailtailor.rbac.RbacResult;
import io.trailtailor.rbac.RbacSynthesizer;
import io.trailtailor.rbac.RbacYamlRenderer;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Holds one (cluster, principal)'s distinct request kinds and, at the end of the key, has the core size RBAC to
 * them and writes {@code rbac/<cluster>/<principal>.yaml}. Emits the path written.
 */
final class SynthesizeRbac extends KeyedProcessFunction<String, AccessRow, String> {

    private final String outDir;
    /** The core's options are not Serializable: they are derived on the task. */
    private final AnalyzeOptions options;

    private transient RbacSynthesizer synthesizer;
    private transient RbacYamlRenderer renderer;
    private transient ListState<AccessRow> rows;
    private transient LongCounter principals;

    SynthesizeRbac(String outDir, AnalyzeOptions options) {
        this.outDir = outDir;
        this.options = options;
    }

    @Override
    public void open(OpenContext context) {
        synthesizer = new RbacSynthesizer(PolicyStage.rbacOptions(options));
        renderer = new RbacYamlRenderer();
        rows = getRuntimeContext().getListState(new ListStateDescriptor<>("rows", TypeInformation.of(AccessRow.class)));
        principals = new LongCounter();
        getRuntimeContext().addAccumulator(Counters.RBAC_PRINCIPALS, principals);
    }

    @Override
    public void processElement(AccessRow row, Context ctx, Collector<String> out) throws Exception {
        rows.add(row);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
        List<K8sAccess> accesses = new ArrayList<>();
        for (AccessRow r : rows.get()) {
            accesses.add(r.toAccess());
        }
        rows.clear();
        if (accesses.isEmpty()) {
            return;
        }
        K8sAccess first = accesses.get(0);
        RbacResult result = synthesizer.synthesizeOne(first.cluster(), first.principal(), accesses);
        if (result.roles().isEmpty()) {
            return; // only denied requests, not granted: nothing to bind
        }
        OutputFiles.write(outDir, result.relativePath(), renderer.render(result));
        principals.add(1);
        out.collect(result.relativePath());
    }
}
