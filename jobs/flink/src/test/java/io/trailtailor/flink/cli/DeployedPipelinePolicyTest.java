package io.trailtailor.flink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/iam/pipeline-role-policy.json} is what {@code self-policy} prints for the example run in
 * {@code deploy/iam/README.md}, with sample names for its placeholders, plus the one statement EMR needs to read
 * the job jar (not part of a run's options).
 */
class DeployedPipelinePolicyTest {

    static final Path FILE = Path.of("..", "..", "deploy", "iam", "pipeline-role-policy.json");

    /** Placeholder → sample, longest sample first so that writing placeholders back is unambiguous. */
    static final Map<String, String> SAMPLES = new LinkedHashMap<>();

    static {
        SAMPLES.put("<STREAM_KMS_KEY_ID>", "stream-kms-key-id");
        SAMPLES.put("<TRAIL_KMS_KEY_ID>", "trail-kms-key-id");
        SAMPLES.put("<OUTPUT_BUCKET>", "output-bucket");
        SAMPLES.put("<OUTPUT_PREFIX>", "output-prefix");
        SAMPLES.put("<TRAIL_BUCKET>", "trail-bucket");
        SAMPLES.put("<TRAIL_PREFIX>", "trail-prefix");
        SAMPLES.put("<AUDIT_BUCKET>", "audit-bucket");
        SAMPLES.put("<AUDIT_PREFIX>", "audit-prefix");
        SAMPLES.put("<AUDIT_STREAM>", "audit-stream");
        SAMPLES.put("<STATE_BUCKET>", "state-bucket");
        SAMPLES.put("<TRAIL_QUEUE>", "trail-queue");
        SAMPLES.put("<ACCOUNT_ID>", "111122223333");
        SAMPLES.put("<REGION>", "us-east-1");
    }

    /** The example run of deploy/iam/README.md, with the samples. */
    static final String[] EXAMPLE = {
        "self-policy",
        "--cloudtrail",
        "s3://trail-bucket/trail-prefix/",
        "--k8s-audit",
        "prod=s3://audit-bucket/audit-prefix/",
        "--out",
        "s3://output-bucket/output-prefix",
        "--checkpoints",
        "s3://state-bucket/trailtailor",
        "--kms-key",
        "arn:aws:kms:us-east-1:111122223333:key/trail-kms-key-id",
        "--kms-key",
        "arn:aws:kms:us-east-1:111122223333:key/stream-kms-key-id",
        "--kinesis",
        "arn:aws:kinesis:us-east-1:111122223333:stream/audit-stream",
        "--sqs",
        "https://sqs.us-east-1.amazonaws.com/111122223333/trail-queue"
    };

    @Test
    void theDeployedPolicyIsTheSelfPolicyOfTheExampleRunPlusTheJobJar() throws Exception {
        CommandLineTest.Run run = CommandLineTest.run(EXAMPLE);
        assertThat(run.exit()).isZero();
        ObjectMapper json = new ObjectMapper();
        ObjectNode expected = (ObjectNode) json.readTree(run.out());
        ((ArrayNode) expected.get("Statement"))
                .addObject()
                .put("Sid", "ReadJobJar")
                .put("Effect", "Allow")
                .put("Action", "s3:GetObject")
                .put("Resource", "arn:aws:s3:::artifact-bucket/artifact-prefix/*");
        String template = json.writerWithDefaultPrettyPrinter().writeValueAsString(expected);
        for (Map.Entry<String, String> e : SAMPLES.entrySet()) {
            template = template.replace(e.getValue(), e.getKey());
        }
        template = template.replace("artifact-bucket", "<ARTIFACT_BUCKET>")
                .replace("artifact-prefix", "<ARTIFACT_PREFIX>");
        // on a mismatch, what the file should hold is written next to the build's outputs
        Files.writeString(Path.of("target", "pipeline-role-policy.expected.json"), template + "\n");

        JsonNode deployed = json.readTree(Files.readString(FILE));
        assertThat(deployed).isEqualTo(json.readTree(template));
    }
}
