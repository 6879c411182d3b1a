package io.trailtailor.flink.sink;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/** Writes each record under a Hive-style {@code dt=YYYY-MM-DD} directory of its UTC day, as Athena and Spark expect. */
public final class DayBucketAssigner<T> implements BucketAssigner<T, String> {

    /** Which instant of a record decides its day. */
    @FunctionalInterface
    public interface Timestamp<T> extends Serializable {
        Instant of(T record);
    }

    private final Timestamp<T> timestamp;

    public DayBucketAssigner(Timestamp<T> timestamp) {
        this.timestamp = timestamp;
    }

    @Override
    public String getBucketId(T element, Context context) {
        Instant at = timestamp.of(element);
        // a row without a time (a session inferred from calls that carry no creation date) is kept, not dropped
        return at == null ? "dt=unknown" : "dt=" + LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }
}
