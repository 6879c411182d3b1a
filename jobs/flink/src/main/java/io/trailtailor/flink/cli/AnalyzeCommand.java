package io.trailtailor.flink.cli;

import io.trailtailor.flink.analyze.AnalyzeRunner;
import io.trailtailor.flink.input.InputLister;
import io.trailtailor.flink.options.AnalyzeOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code trailtailor analyze}: one BATCH run over the given logs. */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = "Reads CloudTrail and EKS audit logs in one batch run and writes Parquet tables, quarantine and"
                + " summary.json under --out.")
final class AnalyzeCommand implements Callable<Integer> {

    @Mixin
    InputOptions inputs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AnalyzeOptions options = inputs.toOptions();
        for (String unused : options.unusedYet()) {
            spec.commandLine()
                    .getErr()
                    .println("trailtailor: note: " + unused
                            + " is accepted and recorded, but not used by this version yet");
        }
        AnalyzeRunner.Outcome outcome;
        try {
            outcome = AnalyzeRunner.run(options, Engines.batch(options), System.err);
        } catch (InputLister.InputUnavailable e) {
            throw new UsageError(e.getMessage());
        }
        spec.commandLine().getErr().println(Report.oneLine(outcome));
        return Main.OK;
    }
}
