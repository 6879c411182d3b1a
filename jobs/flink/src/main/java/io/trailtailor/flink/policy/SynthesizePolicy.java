package io.trailtailor.flink.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.stream.Counters;
import io.trailtailor.policy.ActionUse;
import io.trailtailor.policy.PolicyRenderer;
import io.trailtailor.policy.PolicySynthesizer;
import io.trailtailor.policy.PolicyTarget;
import io.trailtailor.policy.SynthesizedPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Holds one principal's (role, IAM user or workload) usage rows (already summed: one per action × resource × outcome, so the state is bounded by
 * what the principal did, not by how often) and, once the key's input is complete (the end-of-time timer fires at
 * the end of each key in BATCH mode), has the core synthesize and render its policy, writes the files under
 * {@code --out} (with the widening sidecar when resources were generalized), counts documents, widenings and
 * policies over budget, and emits a workload's part of {@code workloads.json}.
 */
final class SynthesizePolicy extends KeyedProcessFunction<String, UsageEntry, String> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String outDir;
    /** The core's options are not Serializable: they are derived on the task. */
    private final AnalyzeOptions options;

    private transient PolicySynthesizer synthesizer;
    private transient PolicyRenderer renderer;
    private transient ListState<UsageEntry> uses;
    private transient LongCounter roles;
    private transient LongCounter policies;
    private transient LongCounter widenings;
    private transient LongCounter overBudget;

    SynthesizePolicy(String outDir, AnalyzeOptions options) {
        this.outDir = outDir;
        this.options = options;
    }

    @Override
    public void open(OpenContext context) {
        synthesizer = new PolicySynthesizer(IamCatalog.loadDefault(), PolicyStage.synthesisOptions(options));
        renderer = new PolicyRenderer();
        uses = getRuntimeContext()
                .getListState(new ListStateDescriptor<>("uses", TypeInformation.of(UsageEntry.class)));
        roles = new LongCounter();
        policies = new LongCounter();
        getRuntimeContext().addAccumulator(Counters.ROLES, roles);
        getRuntimeContext().addAccumulator(Counters.POLICIES, policies);
        widenings = new LongCounter();
        overBudget = new LongCounter();
        getRuntimeContext().addAccumulator(Counters.POLICY_WIDENINGS, widenings);
        getRuntimeContext().addAccumulator(Counters.POLICIES_OVER_BUDGET, overBudget);
    }

    @Override
    public void processElement(UsageEntry use, Context ctx, Collector<String> out) throws Exception {
        uses.add(use);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
        List<ActionUse> actionUses = new ArrayList<>();
        TreeSet<String> successful = new TreeSet<>();
        UsageEntry any = null;
        for (UsageEntry u : uses.get()) {
            any = u;
            actionUses.add(u.toActionUse());
            if (!u.denied) {
                successful.add(u.action);
            }
        }
        uses.clear();
        if (any == null) {
            return;
        }
        boolean role = MapToUsage.ROLE.equals(any.kind);
        boolean workload = MapToUsage.WORKLOAD.equals(any.kind);
        PolicyTarget target = role
                ? roleTarget(any.principal)
                : workload
                        ? PolicyTarget.workload(any.cluster, any.namespace, any.serviceAccount)
                        : userTarget(any.principal);
        SynthesizedPolicy policy = synthesizer.synthesize(target, actionUses);
        boolean written = !policy.documents().isEmpty();
        if (written) {
            // A principal whose every call was denied (and not granted) has no policy: IAM rejects an empty document.
            for (Map.Entry<String, String> file : renderer.render(policy).entrySet()) {
                OutputFiles.write(outDir, file.getKey(), file.getValue());
            }
            policies.add(policy.documents().size());
            widenings.add(policy.resourceWidenings().size());
            overBudget.add(policy.overBudget() ? 1 : 0);
            if (role) {
                roles.add(1);
            }
        }
        if (workload) {
            ObjectNode part = JSON.createObjectNode();
            part.put("cluster", any.cluster);
            part.put("namespace", any.namespace);
            part.put("serviceAccount", any.serviceAccount);
            ArrayNode actions = part.putArray("actions");
            successful.forEach(actions::add);
            part.put("policyFile", written ? target.basePath() + ".json" : null);
            out.collect(JSON.writeValueAsString(part));
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
