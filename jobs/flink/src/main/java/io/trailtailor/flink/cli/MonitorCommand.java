package io.trailtailor.flink.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code trailtailor monitor}: the same topology in STREAMING mode. Accepted and validated; not available yet. */
@Command(
        name = "monitor",
        mixinStandardHelpOptions = true,
        description = "Runs continuously over the same inputs, writing alerts to --out/alerts/ (arrives in a later"
                + " release; options are validated now).")
final class MonitorCommand implements Callable<Integer> {

    @Mixin
    InputOptions inputs;

    @Option(names = "--checkpoints", paramLabel = "DIR", description = "Checkpoint directory for exactly-once output.")
    Path checkpoints;

    @Override
    public Integer call() {
        inputs.toOptions();
        throw new UsageError("monitor is not available in this version yet; use analyze for a batch run");
    }
}
