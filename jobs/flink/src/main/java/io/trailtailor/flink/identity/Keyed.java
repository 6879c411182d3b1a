package io.trailtailor.flink.identity;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * Conventions of the attribution joins. Every join has a small "first" side (sessions, pods, nodes) and a large
 * "rest" side (calls). In BATCH mode Flink merges a keyed operator's inputs sorted by key and then by record
 * timestamp, so giving first-side records the smallest timestamp delivers them before any record of the same key
 * on the other side: the join keeps the small side in state and never buffers calls.
 */
final class Keyed {

    static final TypeInformation<Tuple2<String, String>> KEYED_JSON = Types.TUPLE(Types.STRING, Types.STRING);

    /** The timestamp that sorts a record before every other record of its key. */
    static final long FIRST = Long.MIN_VALUE + 1;

    /** Sorts after {@link #FIRST} but before any real event time. */
    static final long SECOND = Long.MIN_VALUE + 2;

    private Keyed() {}

    static <T> WatermarkStrategy<T> at(long timestamp) {
        return WatermarkStrategy.<T>noWatermarks().withTimestampAssigner((e, previous) -> timestamp);
    }
}
