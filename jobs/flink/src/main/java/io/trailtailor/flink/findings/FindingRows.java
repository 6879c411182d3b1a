package io.trailtailor.flink.findings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.trailtailor.avro.FindingRow;
import io.trailtailor.findings.Finding;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.avro.specific.SpecificData;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * The {@code parquet/findings} table: one {@link FindingRow} per finding, written by the driver (findings are few)
 * into the {@code dt=} partition of the run's day, SNAPPY-compressed like the job's tables.
 */
public final class FindingRows {

    /** The table directory under {@code --out}. */
    public static final String TABLE = "parquet/findings";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private FindingRows() {}

    public static FindingRow toRow(Finding f, Instant detectedAt) {
        return FindingRow.newBuilder()
                .setId(f.id())
                .setRule(f.rule())
                .setType(f.type())
                .setSeverity(f.severity().name())
                .setConfidence(f.confidence().name())
                .setPrincipalArn(f.principalArn())
                .setCluster(f.cluster())
                .setNamespace(f.namespace())
                .setServiceAccount(f.serviceAccount())
                .setSystem(f.system())
                .setTitle(f.title())
                .setDetail(f.detail())
                .setGrant(f.grant())
                .setActions(List.copyOf(f.actions()))
                .setEvidence(json(f.evidence()))
                .setRecommendationKind(
                        f.recommendation() == null || f.recommendation().kind() == null
                                ? null
                                : f.recommendation().kind().name())
                .setRecommendationFile(
                        f.recommendation() == null ? null : f.recommendation().file())
                .setRecommendation(json(f.recommendation()))
                .setFingerprint(f.fingerprint())
                .setStatus(f.status() == null ? Finding.NEW : f.status())
                .setMuteReason(f.muteReason())
                .setDetectedAt(detectedAt)
                .build();
    }

    /**
     * Writes the rows under {@code out/parquet/findings/dt=<day of detectedAt>/part-0.parquet}; returns the file, or
     * null when there are no findings (an empty table has no partition).
     */
    public static Path write(Path out, List<Finding> findings, Instant detectedAt) throws IOException {
        if (findings.isEmpty()) {
            return null;
        }
        Path dir = out.resolve(TABLE).resolve("dt=" + LocalDate.ofInstant(detectedAt, ZoneOffset.UTC));
        Files.createDirectories(dir);
        Path file = dir.resolve("part-0.parquet");
        try (ParquetWriter<FindingRow> writer = AvroParquetWriter.<FindingRow>builder(new LocalFile(file))
                .withSchema(FindingRow.getClassSchema())
                .withDataModel(SpecificData.getForClass(FindingRow.class))
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            for (Finding f : findings) {
                writer.write(toRow(f, detectedAt));
            }
        }
        return file;
    }

    private static String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a finding's parts are plain records", e);
        }
    }

    /** A local file as Parquet's output, without Hadoop's checksum files next to it. */
    static final class LocalFile implements OutputFile {
        private final Path path;

        LocalFile(Path path) {
            this.path = path;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) throws IOException {
            return createOrOverwrite(blockSizeHint);
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
            OutputStream os = Files.newOutputStream(
                    path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            return new PositionOutputStream() {
                private long pos;

                @Override
                public long getPos() {
                    return pos;
                }

                @Override
                public void write(int b) throws IOException {
                    os.write(b);
                    pos++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    os.write(b, off, len);
                    pos += len;
                }

                @Override
                public void flush() throws IOException {
                    os.flush();
                }

                @Override
                public void close() throws IOException {
                    os.close();
                }
            };
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }
}
