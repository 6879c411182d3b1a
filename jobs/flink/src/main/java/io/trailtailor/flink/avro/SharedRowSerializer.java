package io.trailtailor.flink.avro;

import org.apache.flink.formats.avro.typeutils.AvroSerializer;

/** Flink's Avro serializer whose copy is the row itself: see {@link SharedRowTypeInfo} for when that is safe. */
final class SharedRowSerializer<T> extends AvroSerializer<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;

    SharedRowSerializer(Class<T> type) {
        super(type);
        this.type = type;
    }

    @Override
    public T copy(T from) {
        return from;
    }

    @Override
    public T copy(T from, T reuse) {
        return from;
    }

    @Override
    public SharedRowSerializer<T> duplicate() {
        return new SharedRowSerializer<>(type);
    }
}
