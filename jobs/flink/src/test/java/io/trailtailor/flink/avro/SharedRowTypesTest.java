package io.trailtailor.flink.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.avro.QuarantinedRow;
import io.trailtailor.flink.stream.LogRecord;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.formats.avro.typeutils.AvroSerializer;
import org.junit.jupiter.api.Test;

/**
 * The shared row types: a chained copy shares the row (no deep copy), while the bytes in state and across exchanges
 * stay those of Flink's own Avro serializer, so old checkpoints and savepoints read as before.
 */
class SharedRowTypesTest {

    static QuarantinedRow row() {
        return QuarantinedRow.newBuilder()
                .setSource("s3://trail/a.json.gz")
                .setPosition("record 3")
                .setReason("not JSON")
                .setExcerpt(null)
                .build();
    }

    static <T> byte[] bytes(TypeSerializer<T> s, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        s.serialize(value, out);
        return out.getCopyOfBuffer();
    }

    @Test
    void aRowIsSharedByACopyAndWrittenAsFlinksAvroSerializerWritesIt() throws Exception {
        TypeSerializer<QuarantinedRow> shared =
                new SharedRowTypeInfo<>(QuarantinedRow.class).createSerializer(new SerializerConfigImpl());
        QuarantinedRow row = row();
        assertThat(shared.copy(row)).isSameAs(row);
        assertThat(shared.duplicate().copy(row)).isSameAs(row);

        byte[] written = bytes(shared, row);
        assertThat(written).isEqualTo(bytes(new AvroSerializer<>(QuarantinedRow.class), row));
        assertThat(shared.deserialize(new DataInputDeserializer(written)))
                .isEqualTo(row)
                .isNotSameAs(row);
    }

    @Test
    void aPojoOfRowsIsCopiedShallowlyWithItsFieldsInFlinksOrder() throws Exception {
        TypeInformation<LogRecord> type = TypeInformation.of(LogRecord.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<LogRecord> pojo = (PojoTypeInfo<LogRecord>) type;
        assertThat(pojo.getFieldNames()).containsExactly("apiCall", "auditEvent", "fileDone", "quarantined");
        assertThat(pojo.getTypeAt("quarantined")).isInstanceOf(SharedRowTypeInfo.class);

        TypeSerializer<LogRecord> s = type.createSerializer(new SerializerConfigImpl());
        LogRecord record = LogRecord.of(row());
        LogRecord copy = s.copy(record);
        assertThat(copy).isNotSameAs(record);
        assertThat(copy.quarantined).isSameAs(record.quarantined);
        LogRecord back = s.deserialize(new DataInputDeserializer(bytes(s, record)));
        assertThat(back.quarantined).isEqualTo(record.quarantined);
        assertThat(back.apiCall).isNull();
    }
}
