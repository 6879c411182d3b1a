package io.trailtailor.flink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** Reads what a job wrote, for assertions: Parquet tables (as generic records), JSON-lines outputs, partitions. */
public final class OutputTables {

    private OutputTables() {}

    /** A MiniCluster configuration whose failed jobs fail the test instead of restarting forever. */
    public static Configuration noRestarts() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return conf;
    }

    /** Every row of a table as text, sorted, prefixed with the partition it sits in. */
    public static List<String> rows(Path table) throws IOException {
        List<String> rows = new ArrayList<>();
        for (Path file : parquetFiles(table)) {
            for (GenericRecord r : read(file)) {
                rows.add(file.getParent().getFileName() + " " + r);
            }
        }
        rows.sort(null);
        return rows;
    }

    public static List<GenericRecord> readTable(Path table) throws IOException {
        List<GenericRecord> all = new ArrayList<>();
        for (Path file : parquetFiles(table)) {
            all.addAll(read(file));
        }
        return all;
    }

    public static List<Path> parquetFiles(Path table) throws IOException {
        if (!Files.isDirectory(table)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(table)) {
            return walk.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    public static List<GenericRecord> read(Path file) throws IOException {
        List<GenericRecord> out = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(HadoopInputFile.fromPath(
                        new org.apache.hadoop.fs.Path(file.toUri()), new org.apache.hadoop.conf.Configuration()))
                .withDataModel(GenericData.get())
                .build()) {
            for (GenericRecord r; (r = reader.read()) != null; ) {
                out.add(r);
            }
        }
        return out;
    }

    /** The {@code dt=} partitions of a table, sorted. */
    public static List<String> partitions(Path table) throws IOException {
        try (Stream<Path> list = Files.list(table)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The non-blank lines of every visible file under {@code dir}, in file order. */
    public static List<String> lines(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList()) {
                Files.readAllLines(p).stream().filter(l -> !l.isBlank()).forEach(out::add);
            }
        }
        return out;
    }

    /**
     * Every visible file under {@code dir} as text, by its relative path (hidden in-progress files left out; empty if
     * there is no {@code dir}): two output trees that must be equal, such as {@code policies/} of two runs, compare as
     * two of these.
     */
    public static SortedMap<String, String> textFiles(Path dir) throws IOException {
        SortedMap<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .toList()) {
                files.put(dir.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    /** Every output file as text; Parquet pages are compressed, so tables are decoded into their rows instead. */
    public static String allOutputText(Path out) throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                if (p.toString().endsWith(".parquet")) {
                    read(p).forEach(r -> text.append(r).append('\n'));
                } else {
                    text.append(Files.readString(p)).append('\n');
                }
            }
        }
        return text.toString();
    }
}
