package io.trailtailor.flink.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.event.KeyFilter;
import io.trailtailor.flink.input.InputFile;
import io.trailtailor.flink.input.InputLister;
import io.trailtailor.flink.input.S3Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing discovery over a real directory: each complete file once, nothing half-written, state bounded. */
class ListingDiscoveryTest {

    @TempDir
    Path dir;

    private ListingDiscovery discovery(Duration window) {
        return new ListingDiscovery(
                List.of(InputLister.Source.cloudTrail(dir.toString())),
                KeyFilter.ALL,
                S3Settings.defaults(),
                false,
                window);
    }

    private static List<String> names(List<InputFile> files) {
        return files.stream().map(f -> Path.of(f.uri).getFileName().toString()).toList();
    }

    @Test
    void returnsAFileOnceWhenItsSizeHoldsStillBetweenTwoPolls() throws Exception {
        ListingDiscovery d = discovery(Duration.ofHours(1));
        Files.write(dir.resolve("a.json.gz"), new byte[] {1, 2, 3});

        assertThat(d.poll()).isEmpty(); // first sighting: it may still grow
        assertThat(names(d.poll())).containsExactly("a.json.gz");
        assertThat(d.poll()).isEmpty();
    }

    @Test
    void aGrowingFileWaitsUntilItStopsGrowing() throws Exception {
        ListingDiscovery d = discovery(Duration.ofHours(1));
        Path growing = dir.resolve("b.json.gz");
        Files.write(growing, new byte[] {1});
        for (int i = 0; i < 4; i++) {
            assertThat(d.poll()).isEmpty();
            Files.write(growing, new byte[] {2}, StandardOpenOption.APPEND);
        }
        assertThat(d.poll()).isEmpty();
        assertThat(d.poll()).singleElement().satisfies(f -> assertThat(f.size).isEqualTo(5));
    }

    @Test
    void hiddenAndTemporaryNamesAreNeverReturnedTheirFinalNameIs() throws Exception {
        ListingDiscovery d = discovery(Duration.ofHours(1));
        Path hidden = Files.write(dir.resolve(".c.json.gz.tmp"), new byte[] {1});
        Files.write(dir.resolve("d.json.gz._COPYING_"), new byte[] {1});
        Files.write(dir.resolve("e.json.gz.part"), new byte[] {1});
        Files.write(dir.resolve("f.json.gz.inprogress"), new byte[] {1});
        assertThat(d.poll()).isEmpty();
        assertThat(d.poll()).isEmpty();

        Files.move(hidden, dir.resolve("c.json.gz"));
        assertThat(d.poll()).isEmpty();
        assertThat(names(d.poll())).containsExactly("c.json.gz");
    }

    @Test
    void aRestoredDiscoveryDoesNotReturnWhatItReturnedBefore() throws Exception {
        ListingDiscovery d = discovery(Duration.ofHours(1));
        Files.write(dir.resolve("g.json.gz"), new byte[] {1});
        Files.write(dir.resolve("h.json.gz"), new byte[] {1});
        d.poll();
        assertThat(names(d.poll())).containsExactly("g.json.gz", "h.json.gz");
        Files.write(dir.resolve("i.json.gz"), new byte[] {1});
        assertThat(d.poll()).isEmpty();
        byte[] state = d.snapshot(1);

        ListingDiscovery restored = discovery(Duration.ofHours(1));
        restored.restore(state);
        // i.json.gz was seen once before the checkpoint: one more equal sighting settles it
        assertThat(names(restored.poll())).containsExactly("i.json.gz");
        assertThat(restored.poll()).isEmpty();
    }

    @Test
    void stateStaysBoundedOverThousandsOfLayoutFiles() throws Exception {
        ListingDiscovery d = discovery(Duration.ofHours(1));
        int days = 30;
        int perDay = 100;
        int returned = 0;
        int largestState = 0;
        for (int day = 1; day <= days; day++) {
            for (int i = 0; i < perDay; i++) {
                Path p = dir.resolve(TrailFiles.key(String.format("2026/10/%02d", day), "20261001T0000Z_" + i));
                Files.createDirectories(p.getParent());
                Files.write(p, new byte[] {1});
            }
            d.poll();
            returned += d.poll().size();
            largestState = Math.max(largestState, d.stateEntries());
        }
        assertThat(returned).isEqualTo(days * perDay);
        // one mark, and the names of the newest delivery days (the day and the two before it), never all 3,000
        assertThat(largestState).isLessThanOrEqualTo(1 + 3 * perDay);
        assertThat(d.stateEntries()).isEqualTo(1 + 3 * perDay);
        assertThat(d.snapshot(1).length).isLessThan(3 * perDay * 300);
    }

    @Test
    void stateStaysBoundedOverThousandsOfFilesOutsideTheLayout() throws Exception {
        Duration window = Duration.ofMinutes(10);
        ListingDiscovery d = discovery(window);
        Instant t = Instant.parse("2026-11-03T00:00:00Z");
        int returned = 0;
        int largestState = 0;
        List<Path> all = new ArrayList<>();
        for (int batch = 0; batch < 40; batch++) {
            for (int i = 0; i < 50; i++) {
                Path p = Files.write(dir.resolve("audit-" + batch + "-" + i + ".jsonl"), new byte[] {1});
                // a file a minute: each batch is 50 minutes of writes
                Files.setLastModifiedTime(p, FileTime.from(t.plusSeconds(60L * (batch * 50 + i))));
                all.add(p);
            }
            d.poll();
            returned += d.poll().size();
            largestState = Math.max(largestState, d.stateEntries());
        }
        assertThat(returned).isEqualTo(2000);
        // one mark and the files of the last ten minutes (eleven, both ends included)
        assertThat(largestState).isLessThanOrEqualTo(1 + 11 + 50);
        assertThat(d.stateEntries()).isEqualTo(1 + 11);
        assertThat(d.poll()).isEmpty();
    }
}
