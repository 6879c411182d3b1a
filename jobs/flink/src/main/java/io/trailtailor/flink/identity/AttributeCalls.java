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
import java.util.List;
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
 * Keyed by access key: the session (first kind of input, with its candidate pods; a re-emitted one replaces it)
 * meets every call made with it (second kind), each call waiting in state until the watermark passes it by
 * {@code waitMillis}. A call whose session did not come by then gets a session inferred from the call itself, as
 * {@code analyze} does for a call whose issuing event is outside the window; later calls of the key use it. Calls
 * of instance-profile sessions leave on a side output to meet their node's pods; every session leaves, with its
 * call count, for the {@code sessions} table once it expired (its credentials' expiration, else its last call plus
 * {@link #IDLE_MILLIS}) plus {@code waitMillis}, and no call of its key still waits. In BATCH mode that is after
 * all of the key's input, as before.
 */
final class AttributeCalls
        extends KeyedBroadcastProcessFunction<String, SessionOrCall, Tuple2<String, String>, AttributedApiCall> {

    /**
     * Issuer → cluster pairs decided by {@link IssuerNames} (operator, EKS events, audit log). Calls wait for them
     * as for their session: the broadcast input holds the watermark back like any other.
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

    /** A session without a known expiration (long-term keys, inferred ones) is done after an hour without calls. */
    static final long IDLE_MILLIS = 3600_000L;

    private final IdentityConfig config;
    private final long waitMillis;
    private transient SessionExtractor extractor;
    private transient Attributor attributor;
    private transient ValueState<String> session;
    private transient ValueState<Long> calls;
    private transient ValueState<Long> expireAt;
    private transient WaitingRecords<ApiCallRow> waiting;
    private transient String cachedKey;
    private transient SessionWithPods cached;
    private transient Counts counts;

    AttributeCalls(IdentityConfig config, long waitMillis) {
        this.config = config;
        this.waitMillis = waitMillis;
    }

    @Override
    public void open(OpenContext context) {
        attributor = config.attributor();
        session = getRuntimeContext().getState(new ValueStateDescriptor<>("session", Types.STRING));
        calls = getRuntimeContext().getState(new ValueStateDescriptor<>("calls", Types.LONG));
        expireAt = getRuntimeContext().getState(new ValueStateDescriptor<>("expire-at", Types.LONG));
        waiting = new WaitingRecords<>(getRuntimeContext(), "waiting-calls", TypeInformation.of(ApiCallRow.class));
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
            CredentialSession s =
                    JsonCodec.read(item.session, SessionWithPods.class).session();
            if (s.expiresAt() != null) {
                extendExpiry(s.expiresAt().toEpochMilli(), ctx);
            } else {
                extendExpiry(EventTimes.plus(timestampOr(ctx), IDLE_MILLIS), ctx);
            }
            return;
        }
        waiting.add(item.call, ctx.timestamp(), waitMillis, ctx.timerService());
    }

    private static long timestampOr(ReadOnlyContext ctx) {
        return ctx.timestamp() != null ? ctx.timestamp() : ctx.timerService().currentWatermark();
    }

    /** Keeps the key's session at least until {@code end} plus the wait (one timer per extension). */
    private void extendExpiry(long end, ReadOnlyContext ctx) throws Exception {
        long at = EventTimes.plus(end, waitMillis);
        Long current = expireAt.value();
        if (current == null || at > current) {
            ctx.timerService().registerEventTimeTimer(at);
            expireAt.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AttributedApiCall> out) throws Exception {
        List<ApiCallRow> due = waiting.take(timestamp);
        if (!due.isEmpty()) {
            decide(due, ctx, out);
        }
        Long expire = expireAt.value();
        // at the watermark's end an expiry extended by the calls just decided has no timer to fire it
        boolean expired = expire == null || expire <= timestamp || EventTimes.atEnd(ctx.timerService());
        if (waiting.isEmpty() && expired) {
            SessionWithPods known = current(ctx.getCurrentKey());
            if (known != null) {
                long n = calls.value() == null ? 0 : calls.value();
                CredentialSession named = extractor(ctx).withCurrentClusterName(known.session());
                ctx.output(SESSIONS, IdentityAvro.toAvro(named, n));
                counts.session(named);
            }
            session.clear();
            calls.clear();
            expireAt.clear();
            cachedKey = null;
        }
    }

    /** The calls due now, in arrival order: attributed, counted, and summed into one workload part per workload. */
    private void decide(List<ApiCallRow> due, OnTimerContext ctx, Collector<AttributedApiCall> out) throws Exception {
        String key = ctx.getCurrentKey();
        boolean ownKey = key.startsWith(NO_KEY);
        SessionExtractor extractor = extractor(ctx);
        WorkloadSummary.Aggregator workload = null;
        for (ApiCallRow avro : due) {
            ApiCall call = AvroMapper.fromAvro(avro);
            SessionWithPods known = current(key);
            if (known == null && !ownKey) {
                Optional<CredentialSession> inferred = extractor.inferFromCall(call);
                if (inferred.isPresent()) {
                    known = SessionWithPods.withoutPods(inferred.get());
                    session.update(JsonCodec.write(known));
                    cachedKey = null;
                }
            }
            if (known == null && ownKey) {
                known = extractor
                        .inferFromCall(call)
                        .map(SessionWithPods::withoutPods)
                        .orElse(null);
            }
            calls.update(calls.value() == null ? 1 : calls.value() + 1);
            if (!ownKey && known != null && known.session().expiresAt() == null) {
                extendExpiry(EventTimes.plus(EventTimes.millis(avro.getEventTime()), IDLE_MILLIS), ctx);
            }
            CredentialSession s = known == null ? null : extractor.withCurrentClusterName(known.session());
            if (CandidateScope.of(s).kind() == CandidateScope.Kind.NODE) {
                ctx.output(NODE_CALLS, new NodeCall(avro, JsonCodec.write(s), null));
                continue;
            }
            if (s != null && !known.podsAttached() && SessionWithPods.podScopeKey(s) != null) {
                // inferred here, so it never met the pods of its scope: they are joined per call downstream
                ctx.output(SCOPED_CALLS, new NodeCall(avro, JsonCodec.write(s), null));
                continue;
            }
            AttributedCall attributed = attributor.attribute(call, s, null, known == null ? List.of() : known.pods());
            counts.call(attributed);
            WorkloadSummary.Key workloadKey = WorkloadSummary.Aggregator.keyOf(attributed);
            if (workloadKey != null) {
                if (workload == null) {
                    workload = new WorkloadSummary.Aggregator(workloadKey);
                }
                if (!workload.addCall(attributed)) {
                    emitWorkload(workload, ctx);
                    workload = new WorkloadSummary.Aggregator(workloadKey);
                    workload.addCall(attributed);
                }
            }
            out.collect(new AttributedApiCall(avro, IdentityAvro.toAvro(attributed)));
        }
        if (workload != null) {
            emitWorkload(workload, ctx);
        }
    }

    private SessionWithPods current(String key) throws Exception {
        if (!key.equals(cachedKey)) {
            String json = session.value();
            cached = json == null ? null : JsonCodec.read(json, SessionWithPods.class);
            cachedKey = key;
        }
        return cached;
    }

    private static void emitWorkload(WorkloadSummary.Aggregator workload, OnTimerContext ctx) {
        WorkloadSummary w = workload.result();
        ctx.output(WORKLOADS, Tuple2.of(Workloads.key(w), JsonCodec.write(w)));
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
