package io.trailtailor.flink.findings;

import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.findings.used.FactsCodec;
import io.trailtailor.findings.used.UsedAction;
import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.flink.policy.UsageEntry;
import io.trailtailor.flink.sink.Sinks;
import io.trailtailor.flink.stream.AttributedApiCall;
import io.trailtailor.flink.stream.CombineBeforeShuffle;
import io.trailtailor.flink.stream.PerKeySnapshot;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

/**
 * The used side of the findings, written by the job as JSON lines under {@code .work/facts/{usage,k8s,node}} for the
 * driver's {@link FindingsStep}: the summed usage rows, Kubernetes requests summed per kind with the authorizer's
 * reason, and instance-profile calls summed per (role, cluster, node, action). Sums are {@link PerKeySnapshot}s: one
 * line per key in BATCH; in STREAMING a key's newer line supersedes its older ones. The spelling of every line is
 * {@link FactsCodec}'s.
 */
public final class FactsStage {

    /** The facts directory under {@code --out}. */
    public static final String WORK_DIR = ".work/facts";

    private FactsStage() {}

    public static void build(
            DataStream<UsageEntry> usage,
            DataStream<AttributedApiCall> calls,
            DataStream<AuditEventRow> auditEvents,
            String out) {
        String facts = out + "/" + WORK_DIR + "/";
        usage.map(u -> FactsCodec.write(used(u)), Types.STRING)
                .name("usage facts")
                .uid("facts-usage-json")
                .sinkTo(Sinks.jsonLines(facts + FactsCodec.USAGE))
                .name("usage facts files")
                .uid("sink-facts-usage");

        TypeInformation<K8sRequestRow> requestType = TypeInformation.of(K8sRequestRow.class);
        CombineBeforeShuffle.of(
                        auditEvents
                                .flatMap(FactsStage::toRequest, requestType)
                                .name("audit events to request kinds")
                                .uid("facts-k8s-rows"),
                        requestType,
                        K8sRequestRow::key,
                        K8sRequestRow::merge,
                        "combine request kinds",
                        "facts-k8s-combine")
                .keyBy(K8sRequestRow::key, Types.STRING)
                .process(new PerKeySnapshot<String, K8sRequestRow>(requestType, K8sRequestRow::merge), requestType)
                .name("sum request kinds")
                .uid("facts-k8s-sum")
                .map(r -> FactsCodec.write(r.toUse(), r.rbacPrincipal), Types.STRING)
                .name("k8s facts")
                .uid("facts-k8s-json")
                .sinkTo(Sinks.jsonLines(facts + FactsCodec.K8S))
                .name("k8s facts files")
                .uid("sink-facts-k8s");

        TypeInformation<NodeCallRow> nodeType = TypeInformation.of(NodeCallRow.class);
        CombineBeforeShuffle.of(
                        calls.flatMap(new MapNodeCalls(), nodeType)
                                .name("node-role calls")
                                .uid("facts-node-rows"),
                        nodeType,
                        NodeCallRow::key,
                        NodeCallRow::merge,
                        "combine node-role calls",
                        "facts-node-combine")
                .keyBy(NodeCallRow::key, Types.STRING)
                .process(new PerKeySnapshot<String, NodeCallRow>(nodeType, NodeCallRow::merge), nodeType)
                .name("sum node-role calls")
                .uid("facts-node-sum")
                .map(r -> FactsCodec.write(r.toCall()), Types.STRING)
                .name("node facts")
                .uid("facts-node-json")
                .sinkTo(Sinks.jsonLines(facts + FactsCodec.NODE))
                .name("node facts files")
                .uid("sink-facts-node");
    }

    private static void toRequest(AuditEventRow e, Collector<K8sRequestRow> out) {
        K8sRequestRow.of(AvroMapper.fromAvro(e)).ifPresent(out::collect);
    }

    static UsedAction used(UsageEntry u) {
        return new UsedAction(
                u.kind,
                u.principal,
                u.cluster,
                u.namespace,
                u.serviceAccount,
                u.action,
                u.resource,
                u.denied,
                u.calls,
                Instant.ofEpochMilli(u.firstSeen),
                Instant.ofEpochMilli(u.lastSeen),
                u.evidence == null ? List.of() : List.of(u.evidence),
                u.passedToServices == null ? List.of() : List.of(u.passedToServices));
    }
}
