package io.trailtailor.flink.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.sink.RefreshedFile;
import io.trailtailor.flink.stream.Counters;
import io.trailtailor.policy.ActionUse;
import io.trailtailor.policy.PolicyRenderer;
import io.trailtailor.policy.PolicySynthesizer;
import io.trailtailor.policy.PolicyTarget;
import io.trailtailor.policy.SynthesizedPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Holds one principal's (role, IAM user or workload) usage rows as an upsert table (one row per action × resource ×
 * outcome; a newer row of a usage key replaces the older one, so the state is bounded by what the principal did, not
 * by how often) and, when event time passes the newest row (one coalesced timer per key; in BATCH once, at the end
 * of the key), has the core synthesize and render its policy. Emits the files ({@code .json}, {@code .tf},
 * {@code .cfn.json}, and the widening sidecar when resources were generalized) for {@link
 * io.trailtailor.flink.sink.RefreshedFilesSink}, and a workload's part of {@code workloads.json} on {@link #PARTS}.
 * Counts documents, widenings and policies over budget by difference to what it counted for the key before, so a
 * principal refreshed in STREAMING is counted once, as in BATCH.
 */
final class SynthesizePolicy extends KeyedProcessFunction<String, UsageEntry, RefreshedFile> {

    /** Each workload's {@code actions} and {@code policyFile}, as a JSON object (an upsert stream by workload). */
    static final OutputTag<String> PARTS = new OutputTag<>("workload-parts", Types.STRING);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The core's options are not Serializable: they are derived on the task. */
    private final AnalyzeOptions options;

    private transient PolicySynthesizer synthesizer;
    private transient PolicyRenderer renderer;
    private transient MapState<String, UsageEntry> uses;
    private transient ValueState<Long> pendingTimer;
    /** What this key added to the counters so far: roles, policies, widenings, over budget. */
    private transient ValueState<long[]> counted;

    private transient LongCounter[] counters;

    SynthesizePolicy(AnalyzeOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext context) {
        synthesizer = new PolicySynthesizer(IamCatalog.loadDefault(), PolicyStage.synthesisOptions(options));
        renderer = new PolicyRenderer();
        uses = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("uses", Types.STRING, TypeInformation.of(UsageEntry.class)));
        pendingTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-timer", Types.LONG));
        counted = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("counted", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        String[] names = {Counters.ROLES, Counters.POLICIES, Counters.POLICY_WIDENINGS, Counters.POLICIES_OVER_BUDGET};
        counters = new LongCounter[names.length];
        for (int i = 0; i < names.length; i++) {
            counters[i] = new LongCounter();
            getRuntimeContext().addAccumulator(names[i], counters[i]);
        }
    }

    @Override
    public void processElement(UsageEntry use, Context ctx, Collector<RefreshedFile> out) throws Exception {
        uses.put(use.usageKey(), use);
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
        List<UsageEntry> rows = new ArrayList<>();
        for (UsageEntry u : uses.values()) {
            rows.add(u);
        }
        if (rows.isEmpty()) {
            return;
        }
        rows.sort(Comparator.comparing(UsageEntry::usageKey)); // the map's order is the state backend's
        List<ActionUse> actionUses = new ArrayList<>();
        TreeSet<String> successful = new TreeSet<>();
        for (UsageEntry u : rows) {
            actionUses.add(u.toActionUse());
            if (!u.denied) {
                successful.add(u.action);
            }
        }
        UsageEntry any = rows.get(0);
        boolean role = MapToUsage.ROLE.equals(any.kind);
        boolean workload = MapToUsage.WORKLOAD.equals(any.kind);
        PolicyTarget target = role
                ? roleTarget(any.principal)
                : workload
                        ? PolicyTarget.workload(any.cluster, any.namespace, any.serviceAccount)
                        : userTarget(any.principal);
        SynthesizedPolicy policy = synthesizer.synthesize(target, actionUses);
        boolean written = !policy.documents().isEmpty();
        long[] now = new long[4];
        if (written) {
            // A principal whose every call was denied (and not granted) has no policy: IAM rejects an empty document.
            for (Map.Entry<String, String> file : renderer.render(policy).entrySet()) {
                out.collect(RefreshedFile.of(file.getKey(), file.getValue()));
            }
            now[0] = role ? 1 : 0;
            now[1] = policy.documents().size();
            now[2] = policy.resourceWidenings().size();
            now[3] = policy.overBudget() ? 1 : 0;
        }
        long[] before = counted.value();
        for (int i = 0; i < now.length; i++) {
            counters[i].add(now[i] - (before == null ? 0 : before[i]));
        }
        counted.update(now);
        if (workload) {
            ObjectNode part = JSON.createObjectNode();
            part.put("cluster", any.cluster);
            part.put("namespace", any.namespace);
            part.put("serviceAccount", any.serviceAccount);
            ArrayNode actions = part.putArray("actions");
            successful.forEach(actions::add);
            part.put("policyFile", written ? target.basePath() + ".json" : null);
            ctx.output(PARTS, JSON.writeValueAsString(part));
        }
    }

    /** The account and name of an IAM user ARN ({@code arn:aws:iam::<account>:user[/path]/<name>}). */
    static PolicyTarget userTarget(String userArn) {
        String[] parts = userArn.split(":", 6);
        String resource = parts.length == 6 ? parts[5] : userArn;
        return PolicyTarget.user(
                parts.length == 6 && !parts[4].isEmpty() ? parts[4] : "unknown",
                resource.substring(resource.lastIndexOf('/') + 1));
    }

    /**
     * The account and name of a role ARN ({@code arn:aws:iam::<account>:role[/path]/<name>}; role names are unique
     * per account, so the path is not part of the file name). An assumed-role ARN names the role second.
     */
    static PolicyTarget roleTarget(String roleArn) {
        String[] parts = roleArn.split(":", 6);
        if (parts.length == 6) {
            String resource = parts[5];
            String[] segments = resource.split("/");
            if (resource.startsWith("role/") && segments.length >= 2) {
                return PolicyTarget.role(parts[4], segments[segments.length - 1]);
            }
            if (resource.startsWith("assumed-role/") && segments.length >= 2) {
                return PolicyTarget.role(parts[4], segments[1]);
            }
            return PolicyTarget.role(parts[4].isEmpty() ? "unknown" : parts[4], resource);
        }
        return PolicyTarget.role("unknown", roleArn);
    }
}
