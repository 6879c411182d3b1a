package io.trailtailor.flink.avro;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;

/**
 * The type of an Avro row that no operator changes once it is built (the source builds it, every later stage only
 * reads it): chained operators share the one instance instead of each receiving an Avro deep copy, which was a fifth
 * of the CPU of the dedup chain (one copy per consumer of the kept calls). Serialized exactly as Flink's Avro type,
 * so the bytes in state and across exchanges are unchanged. Use it only for rows nobody mutates or reuses.
 */
public final class SharedRowTypeInfo<T extends SpecificRecordBase> extends AvroTypeInfo<T> {

    private static final long serialVersionUID = 1L;

    public SharedRowTypeInfo(Class<T> type) {
        super(type);
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new SharedRowSerializer<>(getTypeClass());
    }

    // Flink 1.20 calls this deprecated variant too; 2.x removed it, so no @Override (compiles on both)
    @SuppressWarnings({"deprecation", "MissingOverride"})
    public TypeSerializer<T> createSerializer(ExecutionConfig config) {
        return new SharedRowSerializer<>(getTypeClass());
    }
}
