package io.trailtailor.flink.identity;

import io.trailtailor.flink.stream.Counters;
import io.trailtailor.identity.ClusterDirectory;
import io.trailtailor.identity.IssuerInference;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.accumulators.ListAccumulator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * All distinct issuer facts under one key: when the watermark passes facts not weighed yet (in BATCH once, after
 * all of them), {@link IssuerInference#decide} names every issuer it can, on top of the operator's clusters
 * ({@code --cluster}, snapshots) and those EKS events named. Emits (issuer, cluster) for every named issuer whose
 * name is new or changed, and each new or changed decision, as JSON, to the {@link Counters#CLUSTER_ISSUERS}
 * accumulator that {@code summary.json} reports. Facts are kept for the run: they are few (one per service account
 * and role) and every decision weighs all of them.
 */
final class DecideIssuers extends KeyedProcessFunction<String, Tuple2<String, String>, Tuple2<String, String>> {

    /** The one key: the decision weighs every issuer against every cluster. */
    static final String ONE_KEY = "issuers";

    private final IdentityConfig config;
    private transient ListState<Tuple2<String, String>> facts;
    private transient ListAccumulator<String> report;
    private transient ValueState<Long> decideAt;
    /** issuer → the decision last reported (JSON), so a re-decision reports only what changed. */
    private transient MapState<String, String> reported;

    DecideIssuers(IdentityConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext context) {
        facts = getRuntimeContext().getListState(new ListStateDescriptor<>("facts", Keyed.KEYED_JSON));
        decideAt = getRuntimeContext().getState(new ValueStateDescriptor<>("decide-at", Types.LONG));
        reported = getRuntimeContext().getMapState(new MapStateDescriptor<>("reported", Types.STRING, Types.STRING));
        report = new ListAccumulator<>();
        getRuntimeContext().addAccumulator(Counters.CLUSTER_ISSUERS, report);
    }

    @Override
    public void processElement(Tuple2<String, String> fact, Context ctx, Collector<Tuple2<String, String>> out)
            throws Exception {
        facts.add(fact);
        if (decideAt.value() == null) {
            long at = EventTimes.decideAt(ctx.timestamp(), 0, ctx.timerService().currentWatermark());
            ctx.timerService().registerEventTimeTimer(at);
            decideAt.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple2<String, String>> out) throws Exception {
        decideAt.clear();
        ClusterDirectory directory = config.directory();
        List<IssuerInference.Claim> claims = new ArrayList<>();
        List<IssuerInference.Evidence> evidence = new ArrayList<>();
        for (Tuple2<String, String> fact : facts.get()) {
            switch (fact.f0) {
                case IssuerNames.CLAIM -> claims.add(JsonCodec.read(fact.f1, IssuerInference.Claim.class));
                case IssuerNames.EVIDENCE -> evidence.add(JsonCodec.read(fact.f1, IssuerInference.Evidence.class));
                default -> {
                    String[] issuerAndName = JsonCodec.read(fact.f1, String[].class);
                    directory.add(issuerAndName[1], issuerAndName[0], ClusterDirectory.NamedBy.EKS_EVENTS);
                }
            }
        }
        for (IssuerInference.Decision d : IssuerInference.decide(claims, evidence, directory)) {
            String json = JsonCodec.write(d);
            if (json.equals(reported.get(d.issuer()))) {
                continue;
            }
            reported.put(d.issuer(), json);
            report.add(json);
            if (d.cluster() != null) {
                out.collect(Tuple2.of(d.issuer(), d.cluster()));
            }
        }
    }
}
