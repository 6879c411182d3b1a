package io.trailtailor.synthetic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * {@code trailtailor generate}: writes CloudTrail trail objects, EKS audit exports (CloudWatch export task and
 * Firehose subscription layouts) and the ground truth for them under one directory, deterministically from the
 * options. See {@link GeneratorOptions} for the knobs and {@link World} for the scenarios.
 */
public final class Generator {
    private Generator() {}

    /**
     * Generate into {@code outDir} ({@code cloudtrail/}, {@code eks-audit/}, {@code truth/}).
     *
     * @param progress called now and then with the number of distinct CloudTrail records written so far; may be null
     * @throws IllegalArgumentException for an unknown scenario, naming the valid ones
     */
    public static GenerationResult generate(GeneratorOptions options, Path outDir, LongConsumer progress)
            throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(outDir, "outDir");
        if (!World.SCENARIOS.contains(options.scenario())) {
            throw new IllegalArgumentException("unknown scenario '" + options.scenario() + "'; valid scenarios: "
                    + String.join(", ", World.SCENARIOS));
        }
        Files.createDirectories(outDir);
        return new Simulation(options, outDir, progress).run();
    }
}
