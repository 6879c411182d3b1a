package io.trailtailor.flink.cli;

import io.trailtailor.event.KeyFilter;
import io.trailtailor.flink.input.InputLister;
import io.trailtailor.policy.PolicyRenderer;
import io.trailtailor.policy.SynthesisOptions;
import io.trailtailor.policy.SynthesizedPolicy;
import io.trailtailor.policy.pipeline.PipelinePolicy;
import io.trailtailor.policy.pipeline.PipelineRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trailtailor self-policy}: prints the least-privilege IAM policy the pipeline needs for the run these
 * options describe (the same options as {@code analyze} and {@code monitor}), in IAM JSON, Terraform or
 * CloudFormation. Local paths need no IAM; they are named on stderr.
 */
@Command(
        name = "self-policy",
        mixinStandardHelpOptions = true,
        description = "Prints the IAM policy the pipeline's own role needs for the run these options describe.")
final class SelfPolicyCommand implements Callable<Integer> {

    @Mixin
    InputOptions inputs;

    @Option(names = "--checkpoints", paramLabel = "DIR", description = "Checkpoint directory (s3:// needs write).")
    String checkpoints;

    @Option(
            names = "--kms-key",
            paramLabel = "ARN",
            description = "KMS key the inputs are encrypted with (SSE-KMS). Repeatable.")
    List<String> kmsKeys = new ArrayList<>();

    @Option(
            names = "--kinesis",
            paramLabel = "[CLUSTER=]STREAM_ARN",
            description = "Kinesis stream the monitor polls (ListShards, GetShardIterator, GetRecords). Repeatable.")
    List<String> kinesis = new ArrayList<>();

    @Option(
            names = "--sqs",
            paramLabel = "QUEUE_URL",
            description = "SQS queue of trail notifications (receive, delete; read of the objects they name under the"
                    + " s3:// --cloudtrail/--k8s-audit sources, which it needs). Repeatable.")
    List<String> sqs = new ArrayList<>();

    @Option(
            names = "--format",
            paramLabel = "json|terraform|cloudformation",
            description = "Output form (default json).")
    String format = "json";

    @Option(names = "--out-file", paramLabel = "FILE", description = "Write the policy here instead of stdout.")
    Path outFile;

    @Option(
            names = "--role-name",
            paramLabel = "NAME",
            description = "The pipeline role, named in Terraform and CloudFormation (default trailtailor-pipeline).")
    String roleName = "trailtailor-pipeline";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (inputs.cloudTrail.isEmpty() && inputs.k8sAudit.isEmpty() && kinesis.isEmpty() && sqs.isEmpty()) {
            throw new UsageError("no input: give --cloudtrail, --k8s-audit, --kinesis or --sqs");
        }
        List<String> audit = inputs.k8sAudit.stream()
                .map(a -> InputLister.Source.audit(a).location())
                .toList();
        PipelinePolicy policy;
        try {
            policy = PipelinePolicy.of(new PipelineRun(
                    inputs.cloudTrail, audit, inputs.out, checkpoints, kmsKeys, streams(), sqs, filter()));
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        SynthesizedPolicy synthesized = policy.synthesized(roleName);
        PolicyRenderer renderer = new PolicyRenderer();
        String text = switch (format) {
            case "json" -> policy.document().toJson();
            case "terraform" -> renderer.terraform(synthesized);
            case "cloudformation" -> renderer.cloudFormation(synthesized);
            default -> throw new UsageError("--format must be json, terraform or cloudformation, not " + format);
        };
        PrintWriter err = spec.commandLine().getErr();
        policy.notes().forEach(n -> err.println("trailtailor: " + n));
        if (synthesized.overBudget()) {
            err.println("trailtailor: the policy has " + policy.document().iamSize()
                    + " characters, over the managed policy limit of " + SynthesisOptions.MANAGED_POLICY_LIMIT
                    + "; narrow --accounts/--regions/--from/--to or use it as an inline policy");
        }
        err.flush();
        if (outFile == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        } else {
            try {
                Files.writeString(outFile, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Main.OK;
    }

    /** The stream ARNs, as monitor's {@code --kinesis [CLUSTER=]STREAM_ARN} takes them (the cluster needs no IAM). */
    private List<String> streams() {
        return kinesis.stream()
                .map(k -> !k.startsWith("arn:") && k.contains("=") ? k.substring(k.indexOf('=') + 1) : k)
                .toList();
    }

    /** The same pruning the listing applies; values checked as analyze checks them. */
    private KeyFilter filter() {
        LocalDate from = date("--from", inputs.from);
        LocalDate to = date("--to", inputs.to);
        if (from != null && to != null && to.isBefore(from)) {
            throw new UsageError("--to " + inputs.to + " is before --from " + inputs.from);
        }
        Set<String> accounts = new LinkedHashSet<>();
        for (String a : inputs.accounts) {
            if (!a.trim().matches("\\d{12}")) {
                throw new UsageError("--accounts: not a 12-digit AWS account id: " + a);
            }
            accounts.add(a.trim());
        }
        Set<String> regions = new LinkedHashSet<>();
        for (String r : inputs.regions) {
            if (!r.trim().matches("[a-z]{2}(-[a-z]+)+-\\d")) {
                throw new UsageError("--regions: not an AWS region name: " + r);
            }
            regions.add(r.trim());
        }
        return new KeyFilter(from, to, accounts, regions);
    }

    private static LocalDate date(String option, String value) {
        if (value == null) {
            return null;
        }
        try {
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(value);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new UsageError(option + " must be a date YYYY-MM-DD, not " + value);
    }
}
