package io.trailtailor.flink.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of {@code bench} on a small input: every figure is written (JSON and Markdown), each analyze JVM read
 * exactly the records the floor counted, and the ratios are the quotients of the rates. No timing is asserted: this
 * machine's speed is not the point, the figures' consistency is.
 */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesConsistentFiguresForEveryRun() throws Exception {
        Path out = dir.resolve("bench");

        int exit = Main.execute(
                "bench",
                "--events",
                "1000",
                "--parallelism",
                "1,2",
                "--scaling-events",
                "2000",
                "--out",
                out.toString());

        assertThat(exit).isEqualTo(Main.OK);
        JsonNode report = new ObjectMapper().readTree(out.resolve("bench.json").toFile());
        JsonNode floor = report.path("floor");
        long records = floor.path("records").asLong();
        assertThat(records).isPositive();
        assertThat(floor.path("recordsPerSecond").asDouble())
                .isCloseTo(records / floor.path("seconds").asDouble(), within(1e-6));

        JsonNode runs = report.path("analyze");
        assertThat(runs).hasSize(2);
        double floorRate = floor.path("recordsPerSecond").asDouble();
        for (int i = 0; i < 2; i++) {
            JsonNode run = runs.get(i);
            assertThat(run.path("parallelism").asInt()).isEqualTo(i + 1);
            assertThat(run.path("records").asLong()).isEqualTo(records); // the same files, every record read once
            double rate = run.path("recordsPerSecond").asDouble();
            assertThat(rate).isCloseTo(records / run.path("seconds").asDouble(), within(1e-6));
            assertThat(run.path("ratioToFloor").asDouble()).isCloseTo(rate / floorRate, within(1e-9));
            assertThat(run.path("peakRssMiB").asLong()).isPositive(); // from /proc of the analyze JVM
            assertThat(Files.isRegularFile(out.resolve("analyze-p" + (i + 1)).resolve("summary.json")))
                    .isTrue();
        }
        assertThat(runs.get(1).path("speedupOverFirst").asDouble())
                .isCloseTo(
                        runs.get(1).path("recordsPerSecond").asDouble()
                                / runs.get(0).path("recordsPerSecond").asDouble(),
                        within(1e-9));

        JsonNode scaling = report.path("scaling");
        JsonNode big = scaling.path("analyze");
        assertThat(big.path("records").asLong()).isGreaterThan(records);
        assertThat(scaling.path("recordsRatio").asDouble())
                .isCloseTo(big.path("records").asDouble() / records, within(1e-9));
        assertThat(scaling.path("secondsRatio").asDouble())
                .isCloseTo(
                        big.path("seconds").asDouble()
                                / runs.get(0).path("seconds").asDouble(),
                        within(1e-9));
        Path bigInput = out.resolve("input-scaling");
        if (Files.exists(bigInput)) { // the big input is not left behind
            try (Stream<Path> left = Files.walk(bigInput)) {
                assertThat(left.filter(p -> p.toString().endsWith(".gz"))).isEmpty();
            }
        }

        String table = Files.readString(out.resolve("bench.md"));
        assertThat(table)
                .contains("| floor: gunzip + JSON token walk, 1 thread | " + String.format(Locale.ROOT, "%,d", records)
                        + " |")
                .contains("| analyze, parallelism 1 | " + String.format(Locale.ROOT, "%,d", records) + " |")
                .contains("| analyze, parallelism 2 | ")
                .contains("x the records")
                .contains("-Xmx1g");
    }
}
