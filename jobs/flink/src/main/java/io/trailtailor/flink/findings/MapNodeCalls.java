package io.trailtailor.flink.findings;

import io.trailtailor.catalog.CloudTrailActionMapper;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.catalog.MappingResult;
import io.trailtailor.catalog.RequiredAction;
import io.trailtailor.event.ApiCall;
import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.flink.stream.AttributedApiCall;
import io.trailtailor.identity.Mechanism;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * A successful call made with a node's instance profile → one row per IAM action it needed, by the same catalog
 * mapping the usage table uses. Denied calls are not use (FINDINGS.md) and are left out.
 */
final class MapNodeCalls extends RichFlatMapFunction<AttributedApiCall, NodeCallRow> {

    private transient CloudTrailActionMapper mapper;

    @Override
    public void open(OpenContext context) {
        mapper = CloudTrailActionMapper.create(IamCatalog.loadDefault());
    }

    @Override
    public void flatMap(AttributedApiCall in, Collector<NodeCallRow> out) {
        if (!Mechanism.INSTANCE_PROFILE.name().equals(in.attribution.getMechanism())) {
            return;
        }
        ApiCall call = AvroMapper.fromAvro(in.call);
        if (call.denied()) {
            return;
        }
        MappingResult result = mapper.map(call);
        if (result.status() != MappingResult.Status.MAPPED) {
            return;
        }
        TreeSet<String> actions = new TreeSet<>();
        result.actions().stream().map(RequiredAction::action).forEach(actions::add);
        long time = call.eventTime().toEpochMilli();
        for (String action : actions) {
            NodeCallRow r = new NodeCallRow();
            r.roleArn = in.attribution.getRoleArn();
            r.cluster = in.attribution.getCluster();
            r.node = in.attribution.getNode();
            r.action = action;
            r.calls = 1;
            r.firstSeen = time;
            r.lastSeen = time;
            r.userAgents = call.userAgent() == null ? new String[0] : new String[] {call.userAgent()};
            TreeSet<String> pods = new TreeSet<>();
            in.attribution.getPodCandidates().forEach(uid -> pods.add(uid.toString()));
            if (in.attribution.getPodUid() != null) {
                pods.add(in.attribution.getPodUid().toString());
            }
            r.candidatePods = pods.stream().limit(20).toArray(String[]::new);
            r.samples = new String[] {call.eventId()};
            out.collect(r);
        }
    }
}
