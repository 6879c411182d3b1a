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

    /**
     * Writes the granted side of the same world under {@code outDir/snapshots/}: {@code iam/<account>.json},
     * {@code clusters/<cluster>/} and {@code credential-report.csv}. The
     * world is rebuilt from the seed (its draws come first, so it is the one the logs came from); nothing here draws
     * from the simulation's random, so the log files stay byte-identical with or without snapshots.
     */
    public static void writeSnapshots(GeneratorOptions options, Path outDir) throws IOException {
        World w = World.build(options.scenario(), new java.util.SplittableRandom(options.seed()), options.shapes());
        new IamSnapshotWriter(w, options.start())
                .write(outDir.resolve("snapshots").resolve("iam"));
        ClusterSnapshotWriter clusters = new ClusterSnapshotWriter(w, options.start(), options.seed());
        clusters.write(outDir.resolve("snapshots").resolve("clusters"));
        FindingsTruth.write(w, outDir, clusters.expectations());
    }
}
