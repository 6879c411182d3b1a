package io.trailtailor.flink.alerts;

import io.trailtailor.alerts.KeyMemory;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.util.FlinkRuntimeException;

/** A rule's {@link KeyMemory} in the current key's Flink state: the first sighting and the known items. */
final class StateKeyMemory implements KeyMemory {

    private final ValueState<Long> firstSeen;
    private final MapState<String, Boolean> known;

    StateKeyMemory(ValueState<Long> firstSeen, MapState<String, Boolean> known) {
        this.firstSeen = firstSeen;
        this.known = known;
    }

    @Override
    public Long firstSeen() {
        try {
            return firstSeen.value();
        } catch (Exception e) {
            throw new FlinkRuntimeException(e);
        }
    }

    @Override
    public void firstSeen(long time) {
        try {
            firstSeen.update(time);
        } catch (Exception e) {
            throw new FlinkRuntimeException(e);
        }
    }

    @Override
    public boolean knows(String item) {
        try {
            return known.contains(item);
        } catch (Exception e) {
            throw new FlinkRuntimeException(e);
        }
    }

    @Override
    public void learn(String item) {
        try {
            known.put(item, Boolean.TRUE);
        } catch (Exception e) {
            throw new FlinkRuntimeException(e);
        }
    }
}
