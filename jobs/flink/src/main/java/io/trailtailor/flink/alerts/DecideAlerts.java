package io.trailtailor.flink.alerts;

import io.trailtailor.alerts.Alert;
import io.trailtailor.alerts.AlertContext;
import io.trailtailor.alerts.AlertRule;
import io.trailtailor.alerts.AlertTypes;
import io.trailtailor.alerts.NodeActions;
import io.trailtailor.alerts.Observation;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.grants.ManagedPolicies;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The alert decisions, keyed by rule type and key ({@link PendingObservation#stateKey}). Observations wait in state
 * until the watermark passes their event time, then the rule decides them in event-time order (ties by event id),
 * so the same input gives the same alerts whatever order it was delivered in. What the rule remembers lives in
 * keyed state ({@link StateKeyMemory}), so it survives a restore; a rule that says a key can be forgotten (an hour
 * of denied calls) gets a timer that clears it. Emits one JSON line per alert and counts {@code alerts.<TYPE>}.
 */
final class DecideAlerts extends KeyedProcessFunction<String, PendingObservation, String> {

    private static final Comparator<PendingObservation> ORDER = Comparator.<PendingObservation, Observation>comparing(
                    PendingObservation::observation, Observation::compare)
            .thenComparing(p -> String.valueOf(p.action))
            .thenComparing(p -> String.valueOf(p.resource));

    private final AlertContext context;

    private transient Map<String, AlertRule> rules;
    private transient MapState<Long, List<PendingObservation>> pending;
    private transient ValueState<Long> firstSeen;
    private transient MapState<String, Boolean> known;
    private transient ValueState<Long> forgetAt;
    private transient Map<String, LongCounter> accumulators;
    private transient Map<String, Counter> metrics;

    DecideAlerts(AlertContext context) {
        this.context = context;
    }

    @Override
    public void open(OpenContext openContext) {
        AlertContext c = context;
        if (c.nodeActions().size() == 0) {
            c = new AlertContext(
                    c.baseline(),
                    c.learning(),
                    NodeActions.fromManagedPolicies(ManagedPolicies.loadDefault(), IamCatalog.loadDefault()));
        }
        AlertTypes registry = AlertTypes.loadDefault();
        rules = registry.rules(c);
        pending = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "pending", Types.LONG, Types.LIST(Types.POJO(PendingObservation.class))));
        firstSeen = getRuntimeContext().getState(new ValueStateDescriptor<>("first-seen", Types.LONG));
        known = getRuntimeContext().getMapState(new MapStateDescriptor<>("known", Types.STRING, Types.BOOLEAN));
        forgetAt = getRuntimeContext().getState(new ValueStateDescriptor<>("forget-at", Types.LONG));
        accumulators = new HashMap<>();
        metrics = new HashMap<>();
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(AlertCounters.GROUP);
        for (String type : rules.keySet()) {
            LongCounter acc = new LongCounter();
            getRuntimeContext().addAccumulator(AlertCounters.name(type), acc);
            accumulators.put(type, acc);
            metrics.put(type, group.counter(type));
        }
    }

    @Override
    public void processElement(PendingObservation in, Context ctx, Collector<String> out) throws Exception {
        List<PendingObservation> at = pending.get(in.time);
        List<PendingObservation> list = at == null ? new ArrayList<>() : new ArrayList<>(at);
        list.add(in);
        pending.put(in.time, list);
        // a late observation (behind the watermark) is decided at the next watermark, never dropped
        ctx.timerService().registerEventTimeTimer(in.time);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
        List<PendingObservation> due = pending.get(timestamp);
        if (due != null) {
            pending.remove(timestamp);
            List<PendingObservation> sorted = new ArrayList<>(due);
            sorted.sort(ORDER);
            Instant now = Instant.ofEpochMilli(ctx.timerService().currentProcessingTime());
            StateKeyMemory memory = new StateKeyMemory(firstSeen, known);
            for (PendingObservation p : sorted) {
                AlertRule rule = rules.get(p.type);
                if (rule == null) continue;
                Optional<Alert> alert = rule.decide(p.key, p.observation(), memory, now);
                if (alert.isPresent()) {
                    out.collect(alert.get().toJson());
                    accumulators.get(p.type).add(1);
                    metrics.get(p.type).inc();
                }
                Long forget = rule.forgetAfter(p.key, p.observation());
                if (forget != null && (forgetAt.value() == null || forget > forgetAt.value())) {
                    forgetAt.update(forget);
                    ctx.timerService().registerEventTimeTimer(forget);
                }
            }
        }
        Long forget = forgetAt.value();
        if (forget != null && timestamp >= forget && pending.isEmpty()) {
            firstSeen.clear();
            known.clear();
            forgetAt.clear();
        }
    }
}
