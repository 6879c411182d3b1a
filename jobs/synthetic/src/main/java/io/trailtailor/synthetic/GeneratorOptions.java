package io.trailtailor.synthetic;

import java.time.Instant;
import java.util.Objects;

/**
 * Knobs of {@code trailtailor generate}: which simulated world, how many distinct CloudTrail records, over how many
 * days from {@code start}, the seed every random choice derives from, and whether the per-record call truth (the
 * largest truth file) is written, and which extra real-world input {@link Shapes} are added (none by default).
 */
public record GeneratorOptions(
        String scenario, long events, int days, long seed, Instant start, boolean callTruth, Shapes shapes) {

    public GeneratorOptions {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(shapes, "shapes");
        if (events < 0) {
            throw new IllegalArgumentException("events must be >= 0, got " + events);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be >= 1, got " + days);
        }
    }

    /** The options without extra shapes ({@link Shapes#NONE}). */
    public GeneratorOptions(String scenario, long events, int days, long seed, Instant start, boolean callTruth) {
        this(scenario, events, days, seed, start, callTruth, Shapes.NONE);
    }

    /** scenario "eks-mixed", 10 000 events, 1 day, seed 42, start 2026-11-01T00:00:00Z, call truth on. */
    public static GeneratorOptions defaults() {
        return new GeneratorOptions("eks-mixed", 10_000, 1, 42, Instant.parse("2026-11-01T00:00:00Z"), true);
    }

    public GeneratorOptions withScenario(String s) {
        return new GeneratorOptions(s, events, days, seed, start, callTruth, shapes);
    }

    public GeneratorOptions withEvents(long n) {
        return new GeneratorOptions(scenario, n, days, seed, start, callTruth, shapes);
    }

    public GeneratorOptions withDays(int d) {
        return new GeneratorOptions(scenario, events, d, seed, start, callTruth, shapes);
    }

    public GeneratorOptions withSeed(long s) {
        return new GeneratorOptions(scenario, events, days, s, start, callTruth, shapes);
    }

    public GeneratorOptions withCallTruth(boolean b) {
        return new GeneratorOptions(scenario, events, days, seed, start, b, shapes);
    }

    public GeneratorOptions withShapes(Shapes s) {
        return new GeneratorOptions(scenario, events, days, seed, start, callTruth, s);
    }
}
