package io.trailtailor.flink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.policy.PolicyDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfPolicyCommandTest {

    @TempDir
    Path dir;

    static final String[] RUN = {
        "self-policy",
        "--cloudtrail",
        "s3://trail/logs",
        "--k8s-audit",
        "prod=s3://exports/eks/prod/",
        "--out",
        "s3://results/trailtailor/prod",
        "--checkpoints",
        "s3://state/ckpt",
        "--accounts",
        "111122223333",
        "--regions",
        "us-east-1",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-01",
        "--kms-key",
        "arn:aws:kms:us-east-1:111122223333:key/abcd",
        "--kinesis",
        "arn:aws:kinesis:us-east-1:111122223333:stream/eks-audit",
        "--sqs",
        "https://sqs.us-east-1.amazonaws.com/111122223333/trail-notifications"
    };

    @Test
    void printsTheRunsPolicyAsIamJson() {
        CommandLineTest.Run run = CommandLineTest.run(RUN);

        assertThat(run.exit()).isZero();
        PolicyDocument doc = PolicyDocument.fromJson(run.out());
        assertThat(doc.statements())
                .extracting(s -> s.sid())
                .containsExactly(
                        "ListInputs1",
                        "ListInputs2",
                        "ListOrganizations",
                        "ReadInputs",
                        "DecryptInputs",
                        "ListOutputs1",
                        "ListOutputs2",
                        "WriteOutputs",
                        "PollAuditStreams",
                        "ReceiveTrailNotifications");
        // a notification may name any object under a source: the queue's objects are not pruned by the filter
        assertThat(doc.statements().get(3).resources())
                .containsExactly("arn:aws:s3:::trail/logs*", "arn:aws:s3:::exports/eks/prod/*");
        assertThat(doc.statements().get(8).actions())
                .containsExactly("kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards");
        assertThat(doc.statements().get(8).resources())
                .containsExactly("arn:aws:kinesis:us-east-1:111122223333:stream/eks-audit");
        assertThat(doc.statements().get(9).actions()).containsExactly("sqs:DeleteMessage", "sqs:ReceiveMessage");
        assertThat(doc.statements().get(9).resources())
                .containsExactly("arn:aws:sqs:us-east-1:111122223333:trail-notifications");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void withoutAQueueTheObjectsReadArePrunedAsTheListingIs() {
        List<String> args = new ArrayList<>(List.of(RUN));
        int at = args.indexOf("--sqs");
        args.subList(at, at + 2).clear();

        CommandLineTest.Run run = CommandLineTest.run(args.toArray(String[]::new));

        assertThat(run.exit()).as(run.err()).isZero();
        PolicyDocument doc = PolicyDocument.fromJson(run.out());
        assertThat(doc.statements().get(3).resources())
                .containsExactly(
                        "arn:aws:s3:::trail/logs/AWSLogs/*111122223333/CloudTrail/us-east-1/2026/11/01/*",
                        "arn:aws:s3:::trail/logs/AWSLogs/*111122223333/CloudTrail/us-east-1/2026/11/02/*",
                        "arn:aws:s3:::exports/eks/prod/*");
        assertThat(doc.statements()).extracting(s -> s.sid()).doesNotContain("ReceiveTrailNotifications");
    }

    @Test
    void writesTerraformAndCloudFormationToTheOutFile() throws Exception {
        Path tf = dir.resolve("pipeline.tf");
        Path cfn = dir.resolve("pipeline.cfn.json");

        assertThat(CommandLineTest.run(with("--format", "terraform", "--out-file", tf.toString()))
                        .exit())
                .isZero();
        assertThat(CommandLineTest.run(with("--format", "cloudformation", "--out-file", cfn.toString()))
                        .exit())
                .isZero();

        String hcl = Files.readString(tf);
        assertThat(hcl).contains("data \"aws_iam_policy_document\" \"role_pipeline_trailtailor_pipeline\" {");
        assertThat(hcl.split("  statement \\{", -1)).hasSize(11);
        JsonNode template = new ObjectMapper().readTree(cfn.toFile());
        JsonNode policy = template.path("Resources").path("RoleTrailtailorPipelinePolicy");
        assertThat(policy.path("Type").asText()).isEqualTo("AWS::IAM::ManagedPolicy");
        assertThat(policy.path("Properties").path("Roles").get(0).asText()).isEqualTo("trailtailor-pipeline");
        // both are rendered from the document the JSON form prints
        assertThat(policy.path("Properties").path("PolicyDocument"))
                .isEqualTo(new ObjectMapper().readTree(CommandLineTest.run(RUN).out()));
        for (String action : List.of("kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards")) {
            assertThat(hcl).contains("\"" + action + "\"");
        }
        assertThat(hcl).doesNotContain("SubscribeToShard").doesNotContain("consumer");
    }

    @Test
    void localPathsGetNoStatementAndANoteOnStderr() {
        CommandLineTest.Run run = CommandLineTest.run(
                "self-policy",
                "--cloudtrail",
                dir.toString(),
                "--out",
                "./out",
                "--kinesis",
                "arn:aws:kinesis:eu-west-1:111122223333:stream/audit");

        assertThat(run.exit()).isZero();
        assertThat(PolicyDocument.fromJson(run.out()).statements())
                .extracting(s -> s.sid())
                .containsExactly("PollAuditStreams");
        assertThat(run.err().lines())
                .containsExactly(
                        "trailtailor: --cloudtrail " + dir + " is a local path: it needs no IAM permission",
                        "trailtailor: --out ./out is a local path: it needs no IAM permission");
    }

    @Test
    void takesMonitorsKinesisOptionWithItsClusterAsTheSameStream() {
        List<String> args = new ArrayList<>(List.of(RUN));
        int at = args.indexOf("arn:aws:kinesis:us-east-1:111122223333:stream/eks-audit");
        args.set(at, "prod=" + args.get(at));

        CommandLineTest.Run named = CommandLineTest.run(args.toArray(String[]::new));

        assertThat(named.exit()).as(named.err()).isZero();
        assertThat(named.out()).isEqualTo(CommandLineTest.run(RUN).out());
    }

    @Test
    void aQueueWithoutAnS3SourceIsAUsageError() {
        // monitor would read every notified object, in any bucket: no narrow grant exists for that
        CommandLineTest.Run run = CommandLineTest.run(
                "self-policy",
                "--cloudtrail",
                dir.toString(),
                "--out",
                "./out",
                "--sqs",
                "https://sqs.eu-west-1.amazonaws.com/111122223333/q");

        assertThat(run.exit()).isEqualTo(Main.USAGE);
        assertThat(run.err())
                .startsWith("trailtailor: --sqs: with no s3:// --cloudtrail or --k8s-audit source")
                .contains("--cloudtrail s3://TRAIL_BUCKET/PREFIX");
    }

    @Test
    void aQueueThatIsNotAUrlIsAUsageError() {
        CommandLineTest.Run run = CommandLineTest.run(
                "self-policy", "--cloudtrail", "s3://trail", "--out", "./out", "--sqs", "trail-notifications");

        assertThat(run.exit()).isEqualTo(Main.USAGE);
        assertThat(run.err()).startsWith("trailtailor: --sqs: not a queue URL");
    }

    private static String[] with(String... more) {
        List<String> args = new ArrayList<>(List.of(RUN));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }
}
