package io.trailtailor.flink.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.avro.UsageRow;
import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.output.Trees;
import io.trailtailor.flink.sink.RefreshedFile;
import io.trailtailor.flink.sink.RefreshedFilesSink;
import io.trailtailor.flink.sink.Sinks;
import io.trailtailor.flink.stream.AttributedApiCall;
import io.trailtailor.flink.stream.CombineBeforeShuffle;
import io.trailtailor.flink.stream.PerKeySnapshot;
import io.trailtailor.policy.SynthesisOptions;
import io.trailtailor.rbac.K8sAccesses;
import io.trailtailor.rbac.RbacOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The usage, policy and RBAC stage of {@code analyze}: attributed calls → usage rows per role, IAM user and workload
 * ({@code parquet/usage}) → one least-privilege policy per principal ({@code policies/roles/<accountId>/<roleName>},
 * {@code policies/users/<accountId>/<userName>} and {@code policies/workloads/<cluster>/<namespace>/<serviceAccount>},
 * as {@code .json}, {@code .tf}, {@code .cfn.json}, plus {@code .widening.json} when S3 keys were generalized or the
 * policy does not fit one document); audit events → Kubernetes RBAC per (cluster, principal) ({@code rbac/<cluster>/<file>.yaml});
 * events the catalog cannot map → {@code unmapped-events.json} (assembled by {@link #finish} after the job). Sums
 * are upsert streams ({@link PerKeySnapshot}: once per key in BATCH, refreshed as event time passes in STREAMING);
 * the policy and RBAC files go through {@link RefreshedFilesSink}, staged at each checkpoint and renamed into place
 * when it completes. Every decision is the core's; the operators here hold state, count and adapt.
 */
public final class PolicyStage {

    /** Where the job leaves unmapped-event groups for {@link #finish} to assemble. */
    static final String UNMAPPED_WORK_DIR = ".work/unmapped";

    static final String UNMAPPED_FILE = "unmapped-events.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PolicyStage() {}

    /**
     * What a later step consumes: one JSON object per workload ({@code cluster}, {@code namespace},
     * {@code serviceAccount}, {@code actions} = sorted distinct successful actions, {@code policyFile} relative to
     * {@code --out}, null when every call was denied) for the driver to merge into {@code workloads.json}; and the
     * summed usage rows, the used side of the findings.
     */
    public record Outputs(DataStream<String> workloadParts, DataStream<UsageEntry> usage) {}

    public static Outputs build(
            DataStream<AttributedApiCall> calls, DataStream<AuditEventRow> auditEvents, AnalyzeOptions options) {
        String out = options.out();
        TypeInformation<UsageEntry> usageType = TypeInformation.of(UsageEntry.class);
        TypeInformation<AccessRow> accessType = TypeInformation.of(AccessRow.class);
        TypeInformation<RefreshedFile> fileType = TypeInformation.of(RefreshedFile.class);

        // 1. Usage: per call, the actions it needed; summed per (kind, principal, action, resource, denied), first
        // within each reader (chained, before the shuffle), then per key.
        SingleOutputStreamOperator<UsageEntry> perCall = calls.process(new MapToUsage(), usageType)
                .name("map calls to IAM actions")
                .uid("policy-map-usage");
        DataStream<UsageEntry> usage = CombineBeforeShuffle.of(
                        perCall,
                        usageType,
                        UsageEntry::usageKey,
                        UsageEntry::merge,
                        "combine usage",
                        "policy-combine-usage")
                .keyBy(UsageEntry::usageKey, Types.STRING)
                .process(new PerKeySnapshot<String, UsageEntry>(usageType, UsageEntry::merge), usageType)
                .name("sum usage")
                .uid("policy-sum-usage");
        usage.map(UsageEntry::toAvro, TypeInformation.of(UsageRow.class))
                .name("usage as Avro")
                .uid("policy-usage-avro")
                .sinkTo(Sinks.parquet(out + "/parquet/usage", UsageRow.class, UsageRow::getLastSeen))
                .name("parquet usage")
                .uid("sink-usage");

        TypeInformation<UnmappedEvent> unmappedType = TypeInformation.of(UnmappedEvent.class);
        CombineBeforeShuffle.of(
                        perCall.getSideOutput(MapToUsage.UNMAPPED),
                        unmappedType,
                        UnmappedEvent::key,
                        UnmappedEvent::merge,
                        "combine unmapped events",
                        "policy-combine-unmapped")
                .keyBy(UnmappedEvent::key, Types.STRING)
                .process(new PerKeySnapshot<String, UnmappedEvent>(unmappedType, UnmappedEvent::merge), unmappedType)
                .name("sum unmapped events")
                .uid("policy-sum-unmapped")
                .map(PolicyStage::unmappedJson, Types.STRING)
                .name("unmapped as JSON")
                .uid("policy-unmapped-json")
                .sinkTo(Sinks.jsonLines(out + "/" + UNMAPPED_WORK_DIR))
                .name("unmapped events")
                .uid("sink-unmapped");

        // 2. Policies: one per principal, refreshed when event time passes its newest usage row.
        SingleOutputStreamOperator<RefreshedFile> policyFiles = usage.keyBy(UsageEntry::principalKey, Types.STRING)
                .process(new SynthesizePolicy(options), fileType)
                .name("synthesize policies")
                .uid("policy-synthesize");

        // 3. RBAC: request kinds counted per (cluster, principal), then one file per principal.
        DataStream<AccessRow> accessRows = auditEvents
                .flatMap(PolicyStage::toAccessRow, accessType)
                .name("audit events to k8s access")
                .uid("rbac-access-rows");
        DataStream<RefreshedFile> rbacFiles = CombineBeforeShuffle.of(
                        accessRows,
                        accessType,
                        AccessRow::accessKey,
                        AccessRow::sum,
                        "combine k8s access",
                        "rbac-combine-access")
                .keyBy(AccessRow::accessKey, Types.STRING)
                .process(new PerKeySnapshot<String, AccessRow>(accessType, AccessRow::sum), accessType)
                .name("sum k8s access")
                .uid("rbac-sum-access")
                .keyBy(AccessRow::principalKey, Types.STRING)
                .process(new SynthesizeRbac(options), fileType)
                .name("synthesize rbac")
                .uid("rbac-synthesize");

        // 4. The files, staged at each checkpoint (at the end in BATCH) and renamed into place once it completes.
        policyFiles
                .union(rbacFiles)
                .keyBy(f -> f.path, Types.STRING)
                .sinkTo(new RefreshedFilesSink(out))
                .name("policy and rbac files")
                .uid("sink-policy-files");
        return new Outputs(policyFiles.getSideOutput(SynthesizePolicy.PARTS), usage);
    }

    /** The policy synthesis knobs the command line sets; the rest at the core's defaults. */
    public static SynthesisOptions synthesisOptions(AnalyzeOptions o) {
        return SynthesisOptions.defaults()
                .withIncludeDenied(o.includeDenied())
                .withS3PrefixThreshold(o.s3PrefixThreshold())
                .withActionWildcards(o.actionWildcards());
    }

    /**
     * The policy file ({@code .json}, relative to {@code --out}) synthesis writes for a principal of the usage table,
     * by the same naming {@link SynthesizePolicy} uses (a role's path is not part of its file name).
     */
    public static String policyFile(String kind, String principal, String cluster, String namespace, String sa) {
        io.trailtailor.policy.PolicyTarget target = switch (kind) {
            case MapToUsage.ROLE -> SynthesizePolicy.roleTarget(principal);
            case MapToUsage.WORKLOAD -> io.trailtailor.policy.PolicyTarget.workload(cluster, namespace, sa);
            default -> SynthesizePolicy.userTarget(principal);
        };
        return target.basePath() + ".json";
    }

    /** The RBAC knobs the command line sets; names and groups at the core's defaults. */
    public static RbacOptions rbacOptions(AnalyzeOptions o) {
        return RbacOptions.defaults()
                .withIncludeDenied(o.includeDenied())
                .withResourceNamesThreshold(o.rbacResourceNames());
    }

    private static void toAccessRow(AuditEventRow e, org.apache.flink.util.Collector<AccessRow> out) {
        K8sAccesses.from(AvroMapper.fromAvro(e)).ifPresent(a -> out.collect(AccessRow.of(a)));
    }

    static String unmappedJson(UnmappedEvent u) throws IOException {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("eventSource", u.eventSource);
        n.put("eventName", u.eventName);
        n.put("status", u.status);
        n.put("count", u.count);
        n.put("exampleEventId", u.exampleEventId);
        n.put("explanation", u.explanation);
        return n.toString();
    }

    /**
     * Run by the driver after the job: turns the job's unmapped-event lines into {@code unmapped-events.json} (an
     * array sorted by eventSource and eventName; empty when every event mapped) and removes the work directory. That
     * directory holds only this run's files: the driver refuses to start when anything no manifest lists is in it.
     */
    public static void finish(Path out) throws IOException {
        Path work = out.resolve(UNMAPPED_WORK_DIR);
        List<JsonNode> rows = new ArrayList<>();
        if (Files.isDirectory(work)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(work)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith(".")) // in-progress files of a failed run
                        .sorted()
                        .toList();
            }
            for (Path f : files) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) {
                        rows.add(JSON.readTree(line));
                    }
                }
            }
        }
        // In STREAMING a group is re-emitted as its count grows: the largest count per group is the newest.
        Map<String, JsonNode> newest = new TreeMap<>();
        for (JsonNode row : rows) {
            newest.merge(
                    row.path("eventSource").asText()
                            + '\u0000'
                            + row.path("eventName").asText(),
                    row,
                    (a, b) -> b.path("count").asLong() > a.path("count").asLong() ? b : a);
        }
        ArrayNode array = JSON.createArrayNode();
        newest.values().forEach(array::add);
        Files.createDirectories(out);
        JSON.writeValue(out.resolve(UNMAPPED_FILE).toFile(), array);
        Trees.delete(work);
        Path workRoot = work.getParent();
        if (Files.isDirectory(workRoot)) {
            try (Stream<Path> rest = Files.list(workRoot)) {
                if (rest.findAny().isEmpty()) {
                    Files.delete(workRoot);
                }
            }
        }
    }
}
