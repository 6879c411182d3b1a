package io.trailtailor.flink.identity;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * The big side of a join (calls, audit requests, sessions to enrich) held in keyed state until event time says its
 * other side has had its chance to arrive. Filed by the event time it is decided at, with one event-time timer per
 * such time, so a timer finds exactly its records without scanning the others.
 */
final class WaitingRecords<B> {

    private final MapState<Long, List<B>> byTime;

    WaitingRecords(RuntimeContext context, String name, TypeInformation<B> type) {
        byTime = context.getMapState(new MapStateDescriptor<>(name, Types.LONG, Types.LIST(type)));
    }

    /** Holds {@code record} until the watermark passes its timestamp by {@code waitMillis}; returns that time. */
    long add(B record, Long timestamp, long waitMillis, TimerService timers) throws Exception {
        long at = EventTimes.decideAt(timestamp, waitMillis, timers.currentWatermark());
        List<B> due = byTime.get(at);
        if (due == null) {
            due = new ArrayList<>(1);
            timers.registerEventTimeTimer(at);
        }
        due.add(record);
        byTime.put(at, due);
        return at;
    }

    /** The records due at {@code time} (its timer fired), removed from state; in arrival order. */
    List<B> take(long time) throws Exception {
        List<B> due = byTime.get(time);
        if (due == null) {
            return List.of();
        }
        byTime.remove(time);
        return due;
    }

    boolean isEmpty() throws Exception {
        return byTime.isEmpty();
    }
}
