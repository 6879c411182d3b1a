package io.trailtailor.flink.sink;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** The job's file sinks: Parquet tables partitioned by day, and JSON-lines files for humans. */
public final class Sinks {

    private Sinks() {}

    /** A Parquet table of Avro records under {@code dir}, SNAPPY-compressed, one {@code dt=} partition per day. */
    public static <T extends SpecificRecordBase> FileSink<T> parquet(
            String dir, Class<T> type, DayBucketAssigner.Timestamp<T> day) {
        return FileSink.forBulkFormat(new Path(dir), parquetWriter(type))
                .withBucketAssigner(new DayBucketAssigner<>(day))
                .withOutputFileConfig(OutputFileConfig.builder()
                        .withPartPrefix("part")
                        .withPartSuffix(".parquet")
                        .build())
                .build();
    }

    /** JSON lines under {@code dir}, one file per writing task. */
    public static FileSink<String> jsonLines(String dir) {
        return FileSink.forRowFormat(new Path(dir), new SimpleStringEncoder<String>("UTF-8"))
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withOutputFileConfig(OutputFileConfig.builder()
                        .withPartPrefix("part")
                        .withPartSuffix(".jsonl")
                        .build())
                .build();
    }

    /**
     * Flink's ready-made Avro writers offer no compression setting (they write uncompressed), so this one is ours. The
     * schema is taken from the generated class on the task, never serialized with the job.
     */
    static <T extends SpecificRecordBase> ParquetWriterFactory<T> parquetWriter(Class<T> type) {
        return new ParquetWriterFactory<>(out -> {
            Schema schema = SpecificData.get().getSchema(type);
            AvroParquetWriter.Builder<T> builder = AvroParquetWriter.<T>builder(out)
                    .withSchema(schema)
                    .withDataModel(SpecificData.getForClass(type))
                    .withCompressionCodec(CompressionCodecName.SNAPPY);
            for (String column : undictionaried(schema)) {
                builder.withDictionaryEncoding(column, false);
            }
            return builder.build();
        });
    }

    /** The schema's field property that marks a column whose values (nearly) never repeat. */
    static final String DICTIONARY_PROPERTY = "parquet.dictionary";

    /**
     * The top-level columns marked {@code "parquet.dictionary": false} in the schema: event ids and request or
     * response JSON, which a dictionary only hashes to no gain until Parquet falls back to plain encoding.
     */
    static java.util.List<String> undictionaried(Schema schema) {
        return schema.getFields().stream()
                .filter(f -> Boolean.FALSE.equals(f.getObjectProp(DICTIONARY_PROPERTY)))
                .map(Schema.Field::name)
                .toList();
    }
}
