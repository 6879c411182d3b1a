package io.trailtailor.flink.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * The small side of a join (sessions, pods, nodes, cluster names) kept in keyed state until it expires by event
 * time. A newer record with the same identity replaces the kept one (upstream operators re-emit what they learn).
 */
final class KeptRecords<S> {

    private final ListState<S> kept;
    private final ValueState<Long> nextExpiry;
    private final ToLongFunction<S> expiresAt;
    private final Function<S, String> identity;

    /**
     * @param expiresAt when a record may go (event time, {@link EventTimes#NEVER} to keep it)
     * @param identity what makes two records the same one (null: every record is its own)
     */
    KeptRecords(
            RuntimeContext context,
            String name,
            TypeInformation<S> type,
            ToLongFunction<S> expiresAt,
            Function<S, String> identity) {
        kept = context.getListState(new ListStateDescriptor<>(name, type));
        nextExpiry = context.getState(new ValueStateDescriptor<>(name + "-expiry", Types.LONG));
        this.expiresAt = expiresAt;
        this.identity = identity;
    }

    List<S> get() throws Exception {
        List<S> all = new ArrayList<>();
        for (S s : kept.get()) {
            all.add(s);
        }
        return all;
    }

    void keep(S record, TimerService timers) throws Exception {
        if (identity == null) {
            kept.add(record);
        } else {
            String id = identity.apply(record);
            List<S> all = get();
            all.removeIf(s -> Objects.equals(identity.apply(s), id));
            all.add(record);
            kept.update(all);
        }
        long at = expiresAt.applyAsLong(record);
        if (at != EventTimes.NEVER) {
            timers.registerEventTimeTimer(at);
            Long next = nextExpiry.value();
            if (next == null || at < next) {
                nextExpiry.update(at);
            }
        }
    }

    /** Drops the records that expired by {@code time}; returns them. */
    List<S> expire(long time) throws Exception {
        Long next = nextExpiry.value();
        if (next == null || next > time) {
            return List.of();
        }
        List<S> stay = new ArrayList<>();
        List<S> gone = new ArrayList<>();
        long newNext = EventTimes.NEVER;
        for (S s : kept.get()) {
            long at = expiresAt.applyAsLong(s);
            if (at <= time) {
                gone.add(s);
            } else {
                stay.add(s);
                newNext = Math.min(newNext, at);
            }
        }
        if (stay.isEmpty()) {
            kept.clear();
        } else {
            kept.update(stay);
        }
        if (newNext == EventTimes.NEVER) {
            nextExpiry.clear();
        } else {
            nextExpiry.update(newNext);
        }
        return gone;
    }
}
