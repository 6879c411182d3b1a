package io.trailtailor.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random damage to real-shaped files (plain, gzip, concatenated gzip; damaged before or after compression) never makes
 * the reader throw, and its counts always add up: {@code recordsRead = apiCalls + auditEvents + quarantinedRecords +
 * skippedRecords}, with every record handed to the sink counted. Run with {@code -Dfuzz.seed=N} to replay a failure.
 */
class LogFileReaderFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20240416L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 400);

    /** A file as it is stored, and what was damaged: its text or its compressed bytes. */
    private record Damaged(String description, byte[] stored) {}

    @Test
    void countsAddUpForAnyDamageAndReadingNeverThrows() {
        List<RealShapedInput.Sample> samples = RealShapedInput.all();
        for (int i = 0; i < CASES; i++) {
            long seed = SEED + i;
            Damaged file = damagedFile(samples, new Random(seed));
            String what = "-Dfuzz.seed=" + seed + " (case " + i + " of seed " + SEED + "): " + file.description();
            try {
                check(file.stored(), what);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(what + "\n" + e, e);
            }
        }
    }

    private static Damaged damagedFile(List<RealShapedInput.Sample> samples, Random random) {
        RealShapedInput.Sample sample = samples.get(random.nextInt(samples.size()));
        StringBuilder edits = new StringBuilder();
        switch (random.nextInt(4)) {
            case 0 -> {
                byte[] text = RealShapedInput.damage(sample, random, edits).bytes();
                return new Damaged(sample.layout() + ", plain:" + edits, text);
            }
            case 1 -> {
                byte[] text = RealShapedInput.damage(sample, random, edits).bytes();
                return new Damaged(sample.layout() + ", damaged then gzipped:" + edits, Fixtures.gzip(text));
            }
            case 2 -> {
                byte[] gzip = Fixtures.gzip(sample.bytes());
                RealShapedInput.Sample compressed = new RealShapedInput.Sample("gzip", gzip, List.of());
                byte[] damaged =
                        RealShapedInput.damage(compressed, random, edits).bytes();
                return new Damaged(sample.layout() + ", gzip damaged:" + edits, damaged);
            }
            default -> {
                byte[] firehose = firehose();
                RealShapedInput.Sample compressed = new RealShapedInput.Sample("gzip", firehose, List.of());
                byte[] damaged =
                        RealShapedInput.damage(compressed, random, edits).bytes();
                return new Damaged("Firehose concatenated gzip, damaged:" + edits, damaged);
            }
        }
    }

    private static byte[] firehose() {
        return Fixtures.gzip(
                Fixtures.bytes("firehose-member-control.json"),
                Fixtures.bytes("firehose-member-1.json"),
                Fixtures.bytes("firehose-member-2.json"));
    }

    private static void check(byte[] stored, String what) {
        CollectingSink sink = new CollectingSink();
        FileReport report = new LogFileReader("fuzz.json", null, sink).read(new ByteArrayInputStream(stored));

        assertThat(report.recordsRead())
                .as("%s: records read = kept + quarantined + skipped in %s", what, report)
                .isEqualTo(report.apiCalls()
                        + report.auditEvents()
                        + report.quarantinedRecords()
                        + report.skippedRecords());
        assertThat(sink.calls).as(what).hasSize((int) report.apiCalls());
        assertThat(sink.events).as(what).hasSize((int) report.auditEvents());
        assertThat(sink.quarantined)
                .as("%s: one entry per quarantined record, one for a quarantined file", what)
                .hasSize((int) report.quarantinedRecords() + (report.quarantined() ? 1 : 0));
        assertThat(sink.quarantined).as(what).allSatisfy(q -> {
            assertThat(q.reason()).isNotBlank();
            assertThat(q.excerpt() == null ? "" : q.excerpt()).hasSizeLessThanOrEqualTo(Quarantined.MAX_EXCERPT);
        });
    }

    @Test
    void undamagedFilesOfEveryLayoutAreReadWhole() {
        List<Long> kept = new ArrayList<>();
        for (RealShapedInput.Sample sample : RealShapedInput.all()) {
            CollectingSink sink = new CollectingSink();
            FileReport report = new LogFileReader("f", null, sink).read(new ByteArrayInputStream(sample.bytes()));
            assertThat(sink.quarantined).as(sample.layout()).isEmpty();
            kept.add(report.apiCalls() + report.auditEvents());
        }
        assertThat(kept).containsExactly(7L, 7L, 7L, 7L, 4L, 4L, 2L, 6L);
        assertThat(Arrays.asList(firehoseCounts())).containsExactly(3L, 1L);
    }

    private static Long[] firehoseCounts() {
        FileReport report =
                new LogFileReader("f", null, new CollectingSink()).read(new ByteArrayInputStream(firehose()));
        return new Long[] {report.auditEvents(), report.skippedRecords()};
    }
}
