package io.trailtailor.flink.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.flink.stream.Counters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status.json has DESIGN.md's fields, computed from the job's counters, and replaces the old one in one rename. */
class StatusFileTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final Instant NEWEST_EVENT = Instant.parse("2026-12-01T11:50:00Z");

    @TempDir
    Path out;

    static MonitorFigures figures() {
        return new MonitorFigures(
                Map.ofEntries(
                        Map.entry(Counters.CLOUDTRAIL_FILES, 4L),
                        Map.entry(Counters.AUDIT_FILES, 2L),
                        Map.entry(Counters.SKIPPED_FILES, 1L),
                        Map.entry(Counters.QUARANTINED_FILES, 1L),
                        Map.entry(Counters.RECORDS_READ, 120L),
                        Map.entry(Counters.API_CALLS_READ, 90L),
                        Map.entry(Counters.AUDIT_EVENTS_READ, 25L),
                        Map.entry(Counters.API_CALLS_KEPT, 88L),
                        Map.entry(Counters.AUDIT_EVENTS_KEPT, 24L),
                        Map.entry(Counters.API_CALL_DUPLICATES, 2L),
                        Map.entry(Counters.AUDIT_DUPLICATES, 1L),
                        Map.entry(Counters.QUARANTINED_RECORDS, 3L),
                        Map.entry(Counters.CALLS_DENIED, 5L),
                        Map.entry(Counters.LAST_EVENT, NEWEST_EVENT.toEpochMilli()),
                        Map.entry("alerts.ACCESS_DENIED", 2L),
                        Map.entry("alerts.NEW_ACTION", 1L)),
                Duration.ofMinutes(15),
                NOW);
    }

    @Test
    void figuresGiveTheWatermarkAndLagOfTheBoundedDelay() {
        MonitorFigures f = figures();

        assertThat(f.watermark()).isEqualTo(Instant.parse("2026-12-01T11:34:59.999Z"));
        assertThat(f.lag()).isEqualTo(Duration.ofMinutes(25).plusMillis(1));
        assertThat(f.files()).isEqualTo(8);
        assertThat(f.alerts()).isEqualTo(3);
        assertThat(ProgressLine.of(f, new RestorePoint(out, 7, NOW, false)))
                .isEqualTo("monitor: 8 files, 120 records, watermark 2026-12-01T11:34:59.999Z, lag 25m00s, 3 alerts,"
                        + " checkpoint 7");
    }

    @Test
    void noWatermarkBeforeTheFirstEvent() {
        MonitorFigures f = new MonitorFigures(Map.of(), Duration.ofMinutes(15), NOW);

        assertThat(f.watermark()).isNull();
        assertThat(ProgressLine.of(f, null))
                .isEqualTo("monitor: 0 files, 0 records, watermark -, lag -, 0 alerts, checkpoint -");
    }

    @Test
    void writesDesignFieldsAtomically() throws Exception {
        Path chk = out.resolve("cp/job/chk-7");
        RestorePoint checkpoint = new RestorePoint(chk, 7, Instant.parse("2026-12-01T11:59:30Z"), false);

        Path written =
                StatusFile.write(out, StatusFile.json(figures(), checkpoint, "running", NOW.minusSeconds(600), null));
        StatusFile.write(out, StatusFile.json(figures(), checkpoint, "running", NOW.minusSeconds(600), null));

        assertThat(written).isEqualTo(out.resolve("status.json"));
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("status.json");
        }
        JsonNode s = new ObjectMapper().readTree(written.toFile());
        assertThat(s.path("checkpoint").path("id").asLong()).isEqualTo(7);
        assertThat(s.path("checkpoint").path("time").asText()).isEqualTo("2026-12-01T11:59:30Z");
        assertThat(s.path("watermark").asText()).isEqualTo("2026-12-01T11:34:59.999Z");
        assertThat(s.path("sources").path("cloudtrail").path("lagSeconds").asDouble())
                .isEqualTo(1500.001);
        assertThat(s.path("sources").path("cloudtrail").path("files").asLong()).isEqualTo(4);
        assertThat(s.path("sources").path("cloudtrail").path("records").asLong())
                .isEqualTo(90);
        assertThat(s.path("sources").path("k8sAudit").path("files").asLong()).isEqualTo(2);
        assertThat(s.path("sources").path("k8sAudit").path("records").asLong()).isEqualTo(25);
        assertThat(s.path("input").path("cloudtrailFiles").asLong()).isEqualTo(4);
        assertThat(s.path("input").path("cloudtrailRecords").asLong()).isEqualTo(88);
        assertThat(s.path("input").path("auditEvents").asLong()).isEqualTo(24);
        assertThat(s.path("input").path("quarantined").asLong()).isEqualTo(4);
        assertThat(s.path("input").path("duplicates").asLong()).isEqualTo(3);
        assertThat(s.path("calls").path("total").asLong()).isEqualTo(88);
        assertThat(s.path("calls").path("denied").asLong()).isEqualTo(5);
        assertThat(s.path("calls").path("attributedToWorkload").isNull()).isTrue();
        assertThat(s.path("alerts").path("ACCESS_DENIED").asLong()).isEqualTo(2);
        assertThat(s.path("alerts").path("NEW_ACTION").asLong()).isEqualTo(1);
        assertThat(s.has("pendingCalls")).isTrue();
        assertThat(s.path("state").asText()).isEqualTo("running");
    }
}
