package io.trailtailor.flink.identity;

import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.avro.CredentialSessionRow;
import io.trailtailor.event.ApiCall;
import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.flink.stream.AttributedApiCall;
import io.trailtailor.flink.stream.Counters;
import io.trailtailor.identity.AttributedCall;
import io.trailtailor.identity.Attributor;
import io.trailtailor.identity.CandidateScope;
import io.trailtailor.identity.ClusterDirectory;
import io.trailtailor.identity.CredentialSession;
import io.trailtailor.identity.SessionExtractor;
import io.trailtailor.identity.WorkloadSummary;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by access key: the session (first input, with its candidate pods) meets every call made with it (second
 * input). A call whose issuing event is not in the input gets a session inferred from the call itself. Calls of
 * instance-profile sessions leave on a side output to meet their node's pods; every session leaves, with its call
 * count, for the {@code sessions} table once its key is done.
 */
final class AttributeCalls
        extends KeyedBroadcastProcessFunction<String, SessionOrCall, Tuple2<String, String>, AttributedApiCall> {

    /**
     * Issuer → cluster pairs decided by {@link IssuerNames} (operator, EKS events, audit log); BATCH mode reads
     * broadcast inputs before keyed ones.
     */
    static final MapStateDescriptor<String, String> LEARNT_CLUSTERS =
            new MapStateDescriptor<>("learnt-clusters", Types.STRING, Types.STRING);

    static final OutputTag<NodeCall> NODE_CALLS = new OutputTag<>("node-calls", TypeInformation.of(NodeCall.class));
    /** Calls of a session inferred here that needs pods of a scope (service account, pod name): joined per call. */
    static final OutputTag<NodeCall> SCOPED_CALLS = new OutputTag<>("scoped-calls", TypeInformation.of(NodeCall.class));

    static final OutputTag<CredentialSessionRow> SESSIONS =
            new OutputTag<>("sessions", TypeInformation.of(CredentialSessionRow.class));
    /** Per session, what its calls add to their workload: (cluster/namespace/serviceAccount, WorkloadSummary JSON). */
    static final OutputTag<Tuple2<String, String>> WORKLOADS = new OutputTag<>("workloads", Keyed.KEYED_JSON);

    /** Calls without an access key (AWS services acting on their own) each get a key of their own. */
    static final String NO_KEY = "no-access-key|";

    private final IdentityConfig config;
    private transient SessionExtractor extractor;
    private transient Attributor attributor;
    private transient ValueState<String> session;
    private transient ValueState<Long> calls;
    private transient String cachedKey;
    private transient SessionWithPods cached;
    private transient Counts counts;
    /** The current key's workload figures: all calls of one session belong to one workload, or to none. */
    private transient WorkloadSummary.Aggregator workload;

    AttributeCalls(IdentityConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext context) {
        attributor = config.attributor();
        session = getRuntimeContext().getState(new ValueStateDescriptor<>("session", Types.STRING));
        calls = getRuntimeContext().getState(new ValueStateDescriptor<>("calls", Types.LONG));
        counts = new Counts(getRuntimeContext());
    }

    @Override
    public void processBroadcastElement(
            Tuple2<String, String> issuerAndName, Context ctx, Collector<AttributedApiCall> out) throws Exception {
        String known = ctx.getBroadcastState(LEARNT_CLUSTERS).get(issuerAndName.f0);
        if (known == null || issuerAndName.f1.compareTo(known) < 0) {
            ctx.getBroadcastState(LEARNT_CLUSTERS).put(issuerAndName.f0, issuerAndName.f1);
        }
        extractor = null;
    }

    /** An extractor that knows the operator's clusters and the learnt ones (rebuilt when more were learnt). */
    private SessionExtractor extractor(ReadOnlyContext ctx) throws Exception {
        if (extractor == null) {
            ClusterDirectory directory = config.directory();
            for (Map.Entry<String, String> e :
                    ctx.getBroadcastState(LEARNT_CLUSTERS).immutableEntries()) {
                directory.add(e.getValue(), e.getKey());
            }
            extractor = new SessionExtractor(directory);
        }
        return extractor;
    }

    @Override
    public void processElement(SessionOrCall item, ReadOnlyContext ctx, Collector<AttributedApiCall> out)
            throws Exception {
        if (item.session != null) {
            session.update(item.session);
            cachedKey = null;
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            return;
        }
        ApiCallRow avro = item.call;
        ApiCall call = AvroMapper.fromAvro(avro);
        SessionExtractor extractor = extractor(ctx);
        SessionWithPods known = current(ctx.getCurrentKey());
        if (known == null && !ctx.getCurrentKey().startsWith(NO_KEY)) {
            Optional<CredentialSession> inferred = extractor.inferFromCall(call);
            if (inferred.isPresent()) {
                known = SessionWithPods.withoutPods(inferred.get());
                session.update(JsonCodec.write(known));
                cachedKey = null;
                ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            }
        }
        if (known == null && ctx.getCurrentKey().startsWith(NO_KEY)) {
            known = extractor
                    .inferFromCall(call)
                    .map(SessionWithPods::withoutPods)
                    .orElse(null);
        }
        calls.update(calls.value() == null ? 1 : calls.value() + 1);
        CredentialSession s = known == null ? null : extractor.withCurrentClusterName(known.session());
        if (CandidateScope.of(s).kind() == CandidateScope.Kind.NODE) {
            ctx.output(NODE_CALLS, new NodeCall(avro, JsonCodec.write(s), null));
            return;
        }
        if (s != null && !known.podsAttached() && SessionWithPods.podScopeKey(s) != null) {
            // inferred here, so it never met the pods of its scope: they are joined per call downstream
            ctx.output(SCOPED_CALLS, new NodeCall(avro, JsonCodec.write(s), null));
            return;
        }
        AttributedCall attributed =
                attributor.attribute(call, s, null, known == null ? java.util.List.of() : known.pods());
        counts.call(attributed);
        WorkloadSummary.Key workloadKey = WorkloadSummary.Aggregator.keyOf(attributed);
        if (workloadKey != null) {
            if (workload == null) {
                workload = new WorkloadSummary.Aggregator(workloadKey);
            }
            if (!workload.addCall(attributed)) {
                emitWorkload(ctx);
                workload = new WorkloadSummary.Aggregator(workloadKey);
                workload.addCall(attributed);
            }
        }
        if (ctx.getCurrentKey().startsWith(NO_KEY)) {
            emitWorkload(ctx);
        }
        out.collect(new AttributedApiCall(avro, IdentityAvro.toAvro(attributed)));
    }

    private SessionWithPods current(String key) throws Exception {
        if (!key.equals(cachedKey)) {
            String json = session.value();
            cached = json == null ? null : JsonCodec.read(json, SessionWithPods.class);
            cachedKey = key;
        }
        return cached;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AttributedApiCall> out) throws Exception {
        SessionWithPods known = current(ctx.getCurrentKey());
        if (known != null) {
            long n = calls.value() == null ? 0 : calls.value();
            CredentialSession named = extractor(ctx).withCurrentClusterName(known.session());
            ctx.output(SESSIONS, IdentityAvro.toAvro(named, n));
            counts.session(named);
        }
        emitWorkload(ctx);
        session.clear();
        calls.clear();
        cachedKey = null;
    }

    private void emitWorkload(ReadOnlyContext ctx) {
        if (workload != null) {
            WorkloadSummary w = workload.result();
            ctx.output(WORKLOADS, Tuple2.of(Workloads.key(w), JsonCodec.write(w)));
            workload = null;
        }
    }

    /** The summary's sessions.* counters. */
    static final class Counts {
        private final LongCounter irsa = new LongCounter();
        private final LongCounter podIdentity = new LongCounter();
        private final LongCounter instanceProfile = new LongCounter();
        private final LongCounter other = new LongCounter();
        private final CallCounts calls;

        Counts(org.apache.flink.api.common.functions.RuntimeContext context) {
            context.addAccumulator(Counters.SESSIONS_IRSA, irsa);
            context.addAccumulator(Counters.SESSIONS_POD_IDENTITY, podIdentity);
            context.addAccumulator(Counters.SESSIONS_INSTANCE_PROFILE, instanceProfile);
            context.addAccumulator(Counters.SESSIONS_OTHER, other);
            calls = new CallCounts(context);
        }

        void session(CredentialSession s) {
            switch (s.mechanism()) {
                case IRSA -> irsa.add(1);
                case POD_IDENTITY -> podIdentity.add(1);
                case INSTANCE_PROFILE -> instanceProfile.add(1);
                default -> other.add(1);
            }
        }

        void call(AttributedCall c) {
            calls.add(c);
        }
    }
}
