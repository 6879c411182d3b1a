package io.trailtailor.flink.identity;

import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.avro.AttributedCallRow;
import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.avro.CredentialSessionRow;
import io.trailtailor.avro.K8sAccessRow;
import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.sink.Sinks;
import io.trailtailor.flink.stream.AttributedApiCall;
import io.trailtailor.flink.stream.CombineBeforeShuffle;
import io.trailtailor.flink.stream.PerKeySnapshot;
import io.trailtailor.identity.AuditRouting;
import io.trailtailor.identity.ClusterDirectory;
import io.trailtailor.identity.CredentialSession;
import io.trailtailor.identity.K8sAccess;
import io.trailtailor.identity.NodeIdentity;
import io.trailtailor.identity.PodLifetime;
import io.trailtailor.identity.PodLifetime.PodKey;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/**
 * The attribution stage: who, and which pod, is behind every call. Built from keyed joins
 * ({@link KeyedEnrichment}) that keep their small side (sessions, pods, nodes) in state until it expires by event
 * time and hold their big side (calls, requests) until the watermark says the small side had its chance, so BATCH
 * and STREAMING give the same answers:
 *
 * <pre>
 * STS issuing events ─▶ sessions by access key ─▶ cluster named by issuer ─▶ role chains (any depth)
 *                        (+ calls, pods, audit) ─▶ issuer names ─┘               │
 * audit ─▶ pod lifetimes by pod ─▶ by service account / uid / pod name ─▶ sessions with candidate pods
 *                                                                              │
 * calls by access key ─────────────────────────────────────────────────▶ attributed calls ─▶ attributed_calls
 *        │ instance-profile calls ─▶ node by instance id ─▶ pods on that node ─┘            sessions, k8s_access
 * audit by IAM access key ─────────────────────────────────────────────▶ k8s_access
 * </pre>
 *
 * Writes {@code parquet/sessions}, {@code parquet/attributed_calls} and {@code parquet/k8s_access}.
 */
public final class AttributionStage {

    private AttributionStage() {}

    /**
     * The attributed calls, each workload's figures as (cluster/namespace/serviceAccount, JSON), the sessions (one
     * per access key) and the Kubernetes API requests of IAM principals joined to their session.
     */
    public record Outputs(
            DataStream<AttributedApiCall> calls,
            DataStream<Tuple2<String, String>> workloads,
            DataStream<CredentialSessionRow> sessions,
            DataStream<K8sAccessRow> k8sAccess) {}

    private static final TypeInformation<AuditEventRow> EVENT = TypeInformation.of(AuditEventRow.class);
    private static final TypeInformation<Tuple2<String, AuditEventRow>> KEYED_EVENT = Types.TUPLE(Types.STRING, EVENT);
    private static final TypeInformation<Tuple2<String, String>> KJ = Keyed.KEYED_JSON;

    public static Outputs build(
            DataStream<ApiCallRow> apiCalls,
            DataStream<AuditEventRow> auditEvents,
            AnalyzeOptions options,
            IdentityConfig config) {
        // records carry their event time and the sources' watermarks (stream.EventTime)
        DataStream<ApiCallRow> calls = apiCalls;
        Waits wait = new Waits(config.maxDelayMillis());

        // sessions from their issuing events, one per access key
        SingleOutputStreamOperator<Tuple2<String, String>> minted = calls.process(new ExtractSessions(config), KJ)
                .name("sessions from issuing events")
                .uid("extract-sessions");
        DataStream<Tuple2<String, String>> sessions = minted.keyBy(t -> t.f0, Types.STRING)
                .process(new KeepEarliestSession(wait.delay, wait.delay), KJ)
                .name("one session per access key")
                .uid("earliest-session");

        // pods from the audit log (they also tell which cluster an unnamed issuer is)
        DataStream<String> lifetimes = auditEvents
                .flatMap(
                        (AuditEventRow e, Collector<Tuple2<String, AuditEventRow>> out) -> {
                            for (PodKey key : AuditRouting.podKeys(AvroMapper.fromAvro(e))) {
                                out.collect(Tuple2.of(JsonCodec.write(key), e));
                            }
                        },
                        KEYED_EVENT)
                .name("audit by pod")
                .uid("audit-by-pod")
                .keyBy(t -> t.f0, Types.STRING)
                .process(new BuildPodLifetimes(wait.delay, wait.delay), Types.STRING)
                .name("pod lifetimes")
                .uid("pod-lifetimes");

        // clusters of web-identity sessions, named by the operator, EKS events or the audit log (IssuerNames)
        DataStream<Tuple2<String, String>> issuers = IssuerNames.build(
                minted, calls, lifetimes, auditEvents, minted.getSideOutput(ExtractSessions.CLUSTER_ISSUERS), config);
        DataStream<Tuple2<String, String>> byIssuer = sessions.filter(t -> issuerOf(t) != null)
                .name("web-identity sessions")
                .uid("web-identity-sessions");
        DataStream<Tuple2<String, String>> named = issuers.keyBy(t -> t.f0, Types.STRING)
                .connect(byIssuer.keyBy(AttributionStage::issuerOf, Types.STRING))
                .process(new NameClusters(config, wait.nameClusters), KJ)
                .name("name clusters by issuer")
                .uid("name-clusters");
        sessions = named.union(
                sessions.filter(t -> issuerOf(t) == null).name("other sessions").uid("other-sessions"));

        // role chains of any depth, resolved where every session is known
        sessions = sessions.keyBy(t -> ResolveChains.ONE_KEY, Types.STRING)
                .process(new ResolveChains(wait.chains, wait.delay), KJ)
                .name("resolve role chains")
                .uid("resolve-chains");

        // nodes from the audit log
        DataStream<Tuple2<String, String>> nodes = auditEvents
                .flatMap(
                        (AuditEventRow e, Collector<Tuple2<String, AuditEventRow>> out) -> {
                            String node = AuditRouting.nodeKey(AvroMapper.fromAvro(e));
                            if (node != null) {
                                out.collect(Tuple2.of(JsonCodec.write(new String[] {e.getCluster(), node}), e));
                            }
                        },
                        KEYED_EVENT)
                .name("audit by node")
                .uid("audit-by-node")
                .keyBy(t -> t.f0, Types.STRING)
                .process(new BuildNodeIdentities(wait.delay, wait.delay), KJ)
                .name("node identities")
                .uid("node-identities");

        // sessions meet the pods that can have used them
        DataStream<Tuple2<String, String>> podsByScope = lifetimes
                .flatMap(
                        (String json, Collector<Tuple2<String, String>> out) -> {
                            for (String key : SessionWithPods.podScopeKeys(JsonCodec.read(json, PodLifetime.class))) {
                                out.collect(Tuple2.of(key, json));
                            }
                        },
                        KJ)
                .name("pods by scope")
                .uid("pods-by-scope");
        DataStream<Tuple2<String, String>> needingPods = sessions.flatMap(
                        (Tuple2<String, String> t, Collector<Tuple2<String, String>> out) -> {
                            String key = SessionWithPods.podScopeKey(JsonCodec.read(t.f1, CredentialSession.class));
                            if (key != null) {
                                out.collect(Tuple2.of(key, t.f1));
                            }
                        },
                        KJ)
                .name("sessions by pod scope")
                .uid("sessions-by-pod-scope");
        DataStream<Tuple2<String, String>> withPods = podsByScope
                .keyBy(t -> t.f0, Types.STRING)
                .connect(needingPods.keyBy(t -> t.f0, Types.STRING))
                .process(new AttachPods(config.skewMillis(), wait.delay, wait.podsForSessions), KJ)
                .name("candidate pods")
                .uid("attach-pods");
        DataStream<Tuple2<String, String>> finalSessions = withPods.union(sessions.filter(
                                t -> SessionWithPods.podScopeKey(JsonCodec.read(t.f1, CredentialSession.class)) == null)
                        .name("sessions without pod scope")
                        .uid("sessions-without-pod-scope")
                        .map(
                                t -> Tuple2.of(
                                        t.f0,
                                        JsonCodec.write(SessionWithPods.withoutPods(
                                                JsonCodec.read(t.f1, CredentialSession.class)))),
                                KJ)
                        .name("sessions with no pods")
                        .uid("sessions-no-pods"))
                .map(t -> t, KJ)
                .name("final sessions")
                .uid("final-sessions");

        // every call meets its session
        TypeInformation<SessionOrCall> sessionOrCall = TypeInformation.of(SessionOrCall.class);
        SingleOutputStreamOperator<AttributedApiCall> attributed = finalSessions
                .map(t -> SessionOrCall.session(t.f1), sessionOrCall)
                .name("sessions to join")
                .uid("sessions-to-join")
                .union(calls.map(SessionOrCall::call, sessionOrCall)
                        .name("calls to join")
                        .uid("calls-to-join"))
                .keyBy(SessionOrCall::key, Types.STRING)
                .connect(issuers.broadcast(AttributeCalls.LEARNT_CLUSTERS))
                .process(new AttributeCalls(config, wait.calls), TypeInformation.of(AttributedApiCall.class))
                .name("attribute calls")
                .uid("attribute-calls");

        // instance-profile calls meet their node, then the pods on it
        DataStream<NodeCall> withNode = nodes.keyBy(t -> t.f0, Types.STRING)
                .connect(attributed
                        .getSideOutput(AttributeCalls.NODE_CALLS)
                        .keyBy(AttributionStage::instanceOf, Types.STRING))
                .process(new AttachNode(wait.delay, wait.podsForCalls), TypeInformation.of(NodeCall.class))
                .name("attach node")
                .uid("attach-node");
        DataStream<Tuple2<String, String>> podsByNode = lifetimes
                .flatMap(
                        (String json, Collector<Tuple2<String, String>> out) -> {
                            PodLifetime p = JsonCodec.read(json, PodLifetime.class);
                            if (p.node() != null) {
                                out.collect(Tuple2.of(SessionWithPods.nodeKey(p.cluster(), p.node()), json));
                            }
                        },
                        KJ)
                .name("pods by node")
                .uid("pods-by-node");
        DataStream<AttributedApiCall> nodeAttributed = podsByNode
                .keyBy(t -> t.f0, Types.STRING)
                .connect(withNode.keyBy(AttributionStage::nodeOf, Types.STRING))
                .process(
                        new AttributeWithPods(config, wait.delay, wait.podsForCalls),
                        TypeInformation.of(AttributedApiCall.class))
                .name("attribute node calls")
                .uid("attribute-node-calls");
        // calls whose session was inferred in the call join meet the pods of its scope
        SingleOutputStreamOperator<AttributedApiCall> scopedAttributed = podsByScope
                .keyBy(t -> t.f0, Types.STRING)
                .connect(attributed
                        .getSideOutput(AttributeCalls.SCOPED_CALLS)
                        .keyBy(AttributionStage::scopeOf, Types.STRING))
                .process(
                        new AttributeWithPods(config, wait.delay, wait.podsForCalls),
                        TypeInformation.of(AttributedApiCall.class))
                .name("attribute inferred-session calls")
                .uid("attribute-scoped-calls");
        // one exchange out of the three joins; every consumer (Parquet, usage, facts, alerts) is chained after it,
        // where a union feeding each of them directly would serialize every call once per consumer
        DataStream<AttributedApiCall> all = attributed
                .union(nodeAttributed, scopedAttributed)
                .map(a -> a, TypeInformation.of(AttributedApiCall.class))
                .name("attributed calls")
                .uid("attributed-calls");

        // Kubernetes API requests by IAM principals meet their session
        DataStream<AuditEventRow> iamRequests = auditEvents
                .filter(e -> K8sAccess.accessKeyOf(AvroMapper.fromAvro(e)) != null)
                .name("IAM-authenticated requests")
                .uid("iam-requests");
        DataStream<K8sAccessRow> k8sAccess = finalSessions
                .keyBy(t -> t.f0, Types.STRING)
                .connect(iamRequests.keyBy(e -> K8sAccess.accessKeyOf(AvroMapper.fromAvro(e)), Types.STRING))
                .process(new JoinK8sAccess(wait.calls, wait.calls), TypeInformation.of(K8sAccessRow.class))
                .name("k8s access by session")
                .uid("k8s-access");

        String out = options.out();
        all.map(a -> a.attribution, TypeInformation.of(AttributedCallRow.class))
                .name("attribution rows")
                .uid("attribution-rows")
                .sinkTo(Sinks.parquet(
                        out + "/parquet/attributed_calls", AttributedCallRow.class, AttributedCallRow::getEventTime))
                .name("parquet attributed_calls")
                .uid("sink-attributed-calls");
        attributed
                .getSideOutput(AttributeCalls.SESSIONS)
                .sinkTo(Sinks.parquet(
                        out + "/parquet/sessions", CredentialSessionRow.class, CredentialSessionRow::getIssuedAt))
                .name("parquet sessions")
                .uid("sink-sessions");
        k8sAccess
                .sinkTo(Sinks.parquet(out + "/parquet/k8s_access", K8sAccessRow.class, K8sAccessRow::getTime))
                .name("parquet k8s_access")
                .uid("sink-k8s-access");

        // workload figures: per-session parts and the workload's pods, merged per workload
        DataStream<Tuple2<String, String>> workloads = combineParts(
                        attributed.getSideOutput(AttributeCalls.WORKLOADS), "workload parts of calls")
                .union(
                        combineParts(
                                scopedAttributed.getSideOutput(AttributeCalls.WORKLOADS),
                                "workload parts of inferred-session calls"),
                        lifetimes
                                .flatMap(
                                        (String json, Collector<Tuple2<String, String>> o) -> {
                                            PodLifetime p = JsonCodec.read(json, PodLifetime.class);
                                            if (p.serviceAccount() != null && p.uid() != null) {
                                                var w = Workloads.ofPod(p);
                                                o.collect(Tuple2.of(Workloads.key(w), JsonCodec.write(w)));
                                            }
                                        },
                                        KJ)
                                .name("pods by workload")
                                .uid("pods-by-workload"))
                .keyBy(t -> t.f0, Types.STRING)
                .process(
                        new PerKeySnapshot<String, Tuple2<String, String>>(
                                KJ, (a, b) -> Tuple2.of(a.f0, Workloads.merge(a.f1, b.f1))),
                        KJ)
                .name("workload figures")
                .uid("workload-figures");
        return new Outputs(all, workloads, attributed.getSideOutput(AttributeCalls.SESSIONS), k8sAccess);
    }

    /** Workload parts merged where they are made (one per workload, not one per call) before "workload figures". */
    private static DataStream<Tuple2<String, String>> combineParts(
            DataStream<Tuple2<String, String>> parts, String what) {
        return CombineBeforeShuffle.of(
                parts,
                KJ,
                t -> t.f0,
                (a, b) -> Tuple2.of(a.f0, Workloads.merge(a.f1, b.f1)),
                "combine " + what,
                "combine-" + what.replace(' ', '-'));
    }

    static String issuerOf(Tuple2<String, String> session) {
        CredentialSession s = JsonCodec.read(session.f1, CredentialSession.class);
        return s.webIdProvider() != null && ClusterDirectory.isEksIssuer(s.webIdProvider())
                ? ClusterDirectory.normalizeIssuer(s.webIdProvider())
                : null;
    }

    static String sessionKey(ApiCallRow call) {
        String key = call.getIdentity() == null ? null : call.getIdentity().getAccessKeyId();
        return key == null || key.isEmpty() ? AttributeCalls.NO_KEY + call.getEventId() : key;
    }

    static String instanceOf(NodeCall call) {
        return JsonCodec.read(call.session, CredentialSession.class).instanceId();
    }

    static String scopeOf(NodeCall call) {
        return SessionWithPods.podScopeKey(JsonCodec.read(call.session, CredentialSession.class));
    }

    static String nodeOf(NodeCall call) {
        if (call.node == null) {
            return "node-unknown|" + instanceOf(call);
        }
        NodeIdentity node = JsonCodec.read(call.node, NodeIdentity.class);
        return SessionWithPods.nodeKey(node.cluster(), node.nodeName());
    }

    /**
     * How long each join waits for its other side, and keeps its small side past its end, in multiples of
     * {@code --max-delay} (D). A record's timestamp is its event time plus the waits of the joins it went through:
     * sessions leave the earliest-session pick at +D, cluster naming at +3D, chain resolution at +5D and the pod
     * join at +6D; so calls (at +0) wait 7D for their session, and pods and nodes are kept long enough past their end
     * for the sessions and calls that lag them. In BATCH mode none of this matters: a key's timers fire after all of
     * its input.
     */
    private static final class Waits {
        final long delay;
        final long nameClusters;
        final long chains;
        final long calls;
        final long podsForSessions;
        final long podsForCalls;

        Waits(long maxDelayMillis) {
            long d = Math.max(1, maxDelayMillis);
            delay = d;
            nameClusters = 2 * d;
            chains = 2 * d;
            calls = 7 * d;
            podsForSessions = 7 * d;
            podsForCalls = 10 * d;
        }
    }
}
