package io.trailtailor.flink.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a restart resumes from: the newest complete checkpoint or savepoint, never a cut-off one. */
class RestorePointsTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path root;

    @Test
    void nothingToResumeFromInAnEmptyOrMissingDirectory() {
        assertThat(RestorePoints.newest(root)).isEmpty();
        assertThat(RestorePoints.newest(root.resolve("missing"))).isEmpty();
    }

    @Test
    void takesTheNewestCompleteCheckpointAndSkipsOneCutOffByACrash() throws Exception {
        Path job = root.resolve("0123456789abcdef0123456789abcdef");
        metadata(job.resolve("chk-7"), T0);
        metadata(job.resolve("chk-8"), T0.plusSeconds(60));
        Files.createDirectories(job.resolve("chk-9")); // the crash came before _metadata
        Files.createDirectories(job.resolve("chk-10"));
        Files.createFile(job.resolve("chk-10/_metadata")); // empty: cut off while written
        Files.createDirectories(job.resolve("shared"));
        Files.createDirectories(job.resolve("taskowned"));

        RestorePoint point = RestorePoints.newest(root).orElseThrow();

        assertThat(point.dir()).isEqualTo(job.resolve("chk-8").toString());
        assertThat(point.id()).isEqualTo(8);
        assertThat(point.savepoint()).isFalse();
        assertThat(point.completedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(RestorePoints.newestCheckpointIn(job).orElseThrow().id()).isEqualTo(8);
    }

    @Test
    void aSavepointWrittenAfterTheLastCheckpointWins() throws Exception {
        Path job = root.resolve("0123456789abcdef0123456789abcdef");
        metadata(job.resolve("chk-3"), T0);
        metadata(root.resolve("savepoint-012345-aaaaaaaaaaaa"), T0.minusSeconds(3600));
        metadata(root.resolve("savepoint-012345-bbbbbbbbbbbb"), T0.plusSeconds(5));

        RestorePoint point = RestorePoints.newest(root).orElseThrow();

        assertThat(point.dir())
                .isEqualTo(root.resolve("savepoint-012345-bbbbbbbbbbbb").toString());
        assertThat(point.savepoint()).isTrue();
        assertThat(point.id()).isEqualTo(-1);
    }

    @Test
    void aCheckpointAfterTheSavepointItResumedFromWins() throws Exception {
        Path job = root.resolve("0123456789abcdef0123456789abcdef");
        metadata(root.resolve("savepoint-012345-aaaaaaaaaaaa"), T0);
        metadata(job.resolve("chk-12"), T0.plusSeconds(1));

        assertThat(RestorePoints.newest(root).orElseThrow().dir())
                .isEqualTo(job.resolve("chk-12").toString());
    }

    @Test
    void sameTimeMeansTheHigherCheckpointId() throws Exception {
        Path job = root.resolve("j");
        metadata(job.resolve("chk-2"), T0);
        metadata(job.resolve("chk-11"), T0);

        assertThat(RestorePoints.newest(root).orElseThrow().id()).isEqualTo(11);
    }

    static void metadata(Path dir, Instant written) throws Exception {
        Files.createDirectories(dir);
        Path file = Files.write(dir.resolve("_metadata"), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(file, FileTime.from(written));
    }
}
