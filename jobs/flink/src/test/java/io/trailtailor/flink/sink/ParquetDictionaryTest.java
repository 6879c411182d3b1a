package io.trailtailor.flink.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.avro.AttributedCallRow;
import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.avro.CallerIdentityRow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificData;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.local.LocalDataOutputStream;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Columns whose values never repeat are written without a dictionary; the others keep theirs. */
class ParquetDictionaryTest {

    @Test
    void theSchemasMarkTheirUniqueColumns() {
        assertEquals(
                List.of(
                        "eventId",
                        "requestParameters",
                        "responseElements",
                        "additionalEventData",
                        "requestId",
                        "sharedEventId"),
                Sinks.undictionaried(SpecificData.get().getSchema(ApiCallRow.class)));
        assertEquals(
                List.of("auditId", "requestObject", "responseObject"),
                Sinks.undictionaried(SpecificData.get().getSchema(AuditEventRow.class)));
        assertEquals(List.of("eventId"), Sinks.undictionaried(SpecificData.get().getSchema(AttributedCallRow.class)));
    }

    @Test
    void uniqueColumnsAreWrittenPlainAndRepeatedOnesWithADictionary(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("calls.parquet");
        try (LocalDataOutputStream out = new LocalDataOutputStream(file.toFile())) {
            BulkWriter<ApiCallRow> writer =
                    Sinks.parquetWriter(ApiCallRow.class).create(out);
            for (int i = 0; i < 1_000; i++) {
                writer.addElement(call(i));
            }
            writer.finish();
        }
        Map<String, java.util.Set<Encoding>> encodings = new TreeMap<>();
        var conf = new org.apache.hadoop.conf.Configuration();
        try (ParquetFileReader reader =
                ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf))) {
            for (ColumnChunkMetaData column :
                    reader.getFooter().getBlocks().get(0).getColumns()) {
                encodings.put(column.getPath().toDotString(), column.getEncodings());
            }
            assertEquals(1_000, reader.getRecordCount());
        }
        for (String unique : List.of("eventId", "requestParameters", "requestId")) {
            assertFalse(dictionary(encodings.get(unique)), unique + ": " + encodings.get(unique));
        }
        for (String repeated : List.of("eventSource", "eventName", "sourceFile")) {
            assertTrue(dictionary(encodings.get(repeated)), repeated + ": " + encodings.get(repeated));
        }
    }

    private static boolean dictionary(java.util.Set<Encoding> encodings) {
        return encodings.contains(Encoding.PLAIN_DICTIONARY) || encodings.contains(Encoding.RLE_DICTIONARY);
    }

    private static ApiCallRow call(int i) {
        return ApiCallRow.newBuilder()
                .setEventId("event-" + i)
                .setEventTime(Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i))
                .setEventSource("s3.amazonaws.com")
                .setEventName(i % 2 == 0 ? "GetObject" : "PutObject")
                .setIdentity(CallerIdentityRow.newBuilder().build())
                .setResources(List.of())
                .setRequestParameters("{\"bucketName\":\"b\",\"key\":\"k" + i + "\"}")
                .setRequestId("request-" + i)
                .setSourceFile("generated.json.gz")
                .build();
    }
}
