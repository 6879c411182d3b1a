package io.trailtailor.flink.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** Reads what analyze wrote under --out back: Parquet tables as generic records, other files as text. */
final class OutputTables {

    static final List<String> TABLES =
            List.of("api_calls", "audit_events", "sessions", "attributed_calls", "k8s_access", "usage");

    private OutputTables() {}

    /** Every row of {@code parquet/<table>} (all partitions). */
    static List<GenericRecord> read(Path out, String table) throws IOException {
        return io.trailtailor.flink.OutputTables.readTable(
                out.resolve("parquet").resolve(table));
    }

    /** Every row of {@code parquet/<table>} as the generated Avro class. */
    static <T> List<T> readSpecific(Path out, String table, Class<T> type) throws IOException {
        List<T> all = new ArrayList<>();
        for (Path file : parquetFiles(out.resolve("parquet").resolve(table))) {
            try (ParquetReader<T> reader = AvroParquetReader.<T>builder(HadoopInputFile.fromPath(
                            new org.apache.hadoop.fs.Path(file.toUri()), new org.apache.hadoop.conf.Configuration()))
                    .withDataModel(SpecificData.getForClass(type))
                    .build()) {
                for (T r; (r = reader.read()) != null; ) {
                    all.add(type.cast(r));
                }
            }
        }
        return all;
    }

    /** Every row of a table as text, prefixed with its partition, sorted: what two equal runs must share. */
    static List<String> rowsWithPartition(Path out, String table) throws IOException {
        return io.trailtailor.flink.OutputTables.rows(out.resolve("parquet").resolve(table));
    }

    static List<Path> parquetFiles(Path dir) throws IOException {
        return io.trailtailor.flink.OutputTables.parquetFiles(dir);
    }

    static List<GenericRecord> readFile(Path file) throws IOException {
        return io.trailtailor.flink.OutputTables.read(file);
    }

    /** Regular files under {@code dir}, relative and sorted (hidden in-progress files left out). */
    static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .map(p -> dir.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    /** A field as a string, null stays null (Avro hands strings back as Utf8). */
    static String str(GenericRecord r, String field) {
        Object v = r.get(field);
        return v == null ? null : v.toString();
    }

    static List<String> strings(GenericRecord r, String field) {
        Object v = r.get(field);
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            list.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }
}
