package io.trailtailor.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random damage to real-shaped input never loses a record silently: every record the damage left intact is either
 * framed as itself or lies in a frame that covers damage (which the reader then quarantines). Run with
 * {@code -Dfuzz.seed=N} to replay a reported failure.
 */
class JsonFramerFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20240416L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 400);

    @Test
    void framesUndamagedInputIntoExactlyItsRecords() {
        for (RealShapedInput.Sample sample : RealShapedInput.all()) {
            List<Frame> frames = FramedInput.frame(sample.bytes());

            assertThat(frames).as(sample.layout()).allMatch(f -> f instanceof Frame.Value);
            assertThat(frames.stream().map(f -> new String(((Frame.Value) f).bytes(), StandardCharsets.UTF_8)))
                    .as(sample.layout())
                    .containsExactlyElementsOf(sample.intact().stream()
                            .map(r -> new String(
                                    Arrays.copyOfRange(sample.bytes(), (int) r[0], (int) r[1]), StandardCharsets.UTF_8))
                            .toList());
        }
    }

    @Test
    void framesEveryIntactRecordOfDamagedInputOrCoversItWithDamage() {
        List<RealShapedInput.Sample> samples = RealShapedInput.all();
        for (int i = 0; i < CASES; i++) {
            long seed = SEED + i;
            Random random = new Random(seed);
            RealShapedInput.Sample original = samples.get(random.nextInt(samples.size()));
            StringBuilder edits = new StringBuilder();
            RealShapedInput.Sample damaged = RealShapedInput.damage(original, random, edits);
            String what =
                    "-Dfuzz.seed=" + seed + " (case " + i + " of seed " + SEED + "): " + original.layout() + edits;
            try {
                check(damaged, what);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(what + "\n" + e.getMessage(), e);
            }
        }
    }

    private static void check(RealShapedInput.Sample sample, String what) {
        byte[] input = sample.bytes();
        List<Frame> frames = FramedInput.frame(input);
        for (Frame f : frames) {
            if (f instanceof Frame.Value v && v.linePrefix() == null) {
                assertThat(Arrays.copyOfRange(input, (int) v.offset(), (int) v.end()))
                        .as("%s: a value is the input's bytes", what)
                        .isEqualTo(v.bytes());
            }
        }
        for (long[] record : sample.intact()) {
            byte[] bytes = Arrays.copyOfRange(input, (int) record[0], (int) record[1]);
            boolean framedAsItself = frames.stream()
                    .anyMatch(
                            f -> f instanceof Frame.Value v && v.end() == record[1] && Arrays.equals(v.bytes(), bytes));
            boolean covered = frames.stream().anyMatch(f -> f.offset() < record[1] && f.end() > record[0]);
            assertThat(framedAsItself || covered)
                    .as(
                            "%s: the intact record at [%d, %d) is framed or covered; frames %s",
                            what,
                            record[0],
                            record[1],
                            frames.stream().map(FramedInput::locate).toList())
                    .isTrue();
        }
    }
}
