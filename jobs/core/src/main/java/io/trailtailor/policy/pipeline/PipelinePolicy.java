package io.trailtailor.policy.pipeline;

import io.trailtailor.policy.PolicyDocument;
import io.trailtailor.policy.PolicyStatement;
import io.trailtailor.policy.PolicyTarget;
import io.trailtailor.policy.SynthesisOptions;
import io.trailtailor.policy.SynthesizedPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The least-privilege identity policy of one {@link PipelineRun}: list and read on the input prefixes the listing
 * walks, {@code kms:Decrypt} on the inputs' keys, write on the output and checkpoint prefixes, the polling calls of
 * the Kinesis source on the named streams, receive and delete on the named queues and read on the objects their
 * notifications may name. Local paths need no IAM; they are left out and named in {@link #notes()}.
 *
 * <p>The Kinesis and SQS actions are exactly the SDK calls the sources make ({@code ACTIONS_CALLED} in the Flink
 * module's {@code KinesisSettings} and {@code SqsSettings}; a test there compares them with these lists).
 */
public final class PipelinePolicy {

    static final List<String> WRITE_ACTIONS = List.of(
            "s3:AbortMultipartUpload",
            "s3:DeleteObject",
            "s3:GetObject",
            "s3:ListMultipartUploadParts",
            "s3:PutObject");
    /**
     * The Kinesis source polls (no enhanced fan-out, so no consumer is registered and no consumer ARN is granted):
     * ListShards by StreamARN to find shards, GetShardIterator and GetRecords on each.
     */
    public static final List<String> STREAM_ACTIONS =
            List.of("kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards");
    /** ReceiveMessage, and DeleteMessageBatch, which IAM authorizes as {@code sqs:DeleteMessage}. */
    public static final List<String> QUEUE_ACTIONS = List.of("sqs:DeleteMessage", "sqs:ReceiveMessage");

    private final PolicyDocument document;
    private final List<String> notes;

    private PipelinePolicy(PolicyDocument document, List<String> notes) {
        this.document = document;
        this.notes = List.copyOf(notes);
    }

    /** @throws IllegalArgumentException naming the first option that is not a valid location, ARN or URL */
    public static PipelinePolicy of(PipelineRun run) {
        List<String> notes = new ArrayList<>();
        List<BucketPrefixes> reads = new ArrayList<>();
        // what a --sqs queue's notifications may name: any object under an s3:// source (routed by its raw prefix,
        // without the --accounts/--regions/--from/--to pruning of the listing)
        List<BucketPrefixes> notified = new ArrayList<>();
        for (String source : run.cloudTrail()) {
            if (local(source, "--cloudtrail", notes)) continue;
            reads.add(TrailPrefixes.of(S3Uri.parse(source), run.filter()));
            notified.add(BucketPrefixes.whole(S3Uri.parse(source)));
        }
        for (String source : run.audit()) {
            if (local(source, "--k8s-audit", notes)) continue;
            reads.add(BucketPrefixes.whole(S3Uri.parse(source)));
            notified.add(BucketPrefixes.whole(S3Uri.parse(source)));
        }
        List<String> queues =
                distinct(run.sqsQueues().stream().map(AwsArns::sqsQueue).toList());
        if (!queues.isEmpty() && notified.isEmpty()) {
            throw new IllegalArgumentException("--sqs: with no s3:// --cloudtrail or --k8s-audit source, monitor reads"
                    + " every object the notifications name, in any bucket, and no policy can grant that narrowly;"
                    + " name the bucket and prefix they cover, e.g. --cloudtrail s3://TRAIL_BUCKET/PREFIX");
        }
        List<BucketPrefixes> writes = new ArrayList<>();
        if (run.out() != null && !local(run.out(), "--out", notes)) {
            writes.add(BucketPrefixes.written(S3Uri.parse(run.out())));
        }
        if (run.checkpoints() != null && !local(run.checkpoints(), "--checkpoints", notes)) {
            writes.add(BucketPrefixes.written(S3Uri.parse(run.checkpoints())));
        }

        List<PolicyStatement> statements = new ArrayList<>();
        listStatements("ListInputs", reads, statements);
        segmentStatements("ListOrganizations", reads, statements);
        objects(queues.isEmpty() ? reads : notified)
                .ifPresent(r -> statements.add(PolicyStatement.allow("ReadInputs", List.of("s3:GetObject"), r)));
        List<String> keys = distinct(run.kmsKeys().stream().map(AwsArns::kmsKey).toList());
        if (!keys.isEmpty()) {
            statements.add(PolicyStatement.allow("DecryptInputs", List.of("kms:Decrypt"), keys));
        }
        listStatements("ListOutputs", writes, statements);
        objects(writes).ifPresent(r -> statements.add(PolicyStatement.allow("WriteOutputs", WRITE_ACTIONS, r)));
        List<String> streams = distinct(
                run.kinesisStreams().stream().map(AwsArns::kinesisStream).toList());
        if (!streams.isEmpty()) {
            statements.add(PolicyStatement.allow("PollAuditStreams", STREAM_ACTIONS, streams));
        }
        if (!queues.isEmpty()) {
            statements.add(PolicyStatement.allow("ReceiveTrailNotifications", QUEUE_ACTIONS, queues));
        }
        if (statements.isEmpty()) {
            notes.add("nothing of this run needs IAM: the policy is empty");
        }
        return new PipelinePolicy(PolicyDocument.of(statements), notes);
    }

    /** The IAM policy document. */
    public PolicyDocument document() {
        return document;
    }

    /** Why some options got no statement (local paths), for stderr. */
    public List<String> notes() {
        return notes;
    }

    /** The policy as the renderer takes it, for the pipeline's role {@code roleName}. */
    public SynthesizedPolicy synthesized(String roleName) {
        return new SynthesizedPolicy(
                PolicyTarget.role("pipeline", roleName),
                List.of(document),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                SynthesisOptions.defaults(),
                "none (from the run's options, not from observed use)",
                List.of(),
                document.iamSize() > SynthesisOptions.MANAGED_POLICY_LIMIT);
    }

    private static boolean local(String location, String option, List<String> notes) {
        if (S3Uri.isS3(location)) return false;
        notes.add(option + " " + location + " is a local path: it needs no IAM permission");
        return true;
    }

    /** One ListBucket statement per bucket: the bucket is the resource, the prefixes its condition. */
    private static void listStatements(String sid, List<BucketPrefixes> all, List<PolicyStatement> out) {
        Map<String, Set<String>> byBucket = new LinkedHashMap<>();
        Set<String> wholeBuckets = new LinkedHashSet<>();
        for (BucketPrefixes b : all) {
            byBucket.computeIfAbsent(b.bucket(), k -> new LinkedHashSet<>()).addAll(b.listPrefixes());
            if (b.listPrefixes().isEmpty()) wholeBuckets.add(b.bucket());
        }
        int n = 0;
        for (Map.Entry<String, Set<String>> e : byBucket.entrySet()) {
            String arn = new S3Uri(e.getKey(), "").bucketArn();
            String name = sid + (byBucket.size() > 1 ? ++n : "");
            if (wholeBuckets.contains(e.getKey())) {
                // a source at the bucket's root lists all of it: no prefix condition can hold
                out.add(PolicyStatement.allow(name, List.of("s3:ListBucket"), List.of(arn)));
            } else {
                out.add(PolicyStatement.allow(
                        name,
                        List.of("s3:ListBucket"),
                        List.of(arn),
                        Map.of("StringLike", Map.of("s3:prefix", List.copyOf(e.getValue())))));
            }
        }
    }

    /**
     * One ListBucket statement per bucket for prefixes such as {@code AWSLogs/o-*}{@code /}: {@code StringNotLike
     * .../o-*}{@code /?*} refuses anything below that one segment, which {@code *} alone would let through.
     */
    private static void segmentStatements(String sid, List<BucketPrefixes> all, List<PolicyStatement> out) {
        Map<String, Set<String>> byBucket = new LinkedHashMap<>();
        for (BucketPrefixes b : all) {
            if (!b.segmentPrefixes().isEmpty()) {
                byBucket.computeIfAbsent(b.bucket(), k -> new LinkedHashSet<>()).addAll(b.segmentPrefixes());
            }
        }
        int n = 0;
        for (Map.Entry<String, Set<String>> e : byBucket.entrySet()) {
            List<String> like = List.copyOf(e.getValue());
            out.add(PolicyStatement.allow(
                    sid + (byBucket.size() > 1 ? ++n : ""),
                    List.of("s3:ListBucket"),
                    List.of(new S3Uri(e.getKey(), "").bucketArn()),
                    Map.of(
                            "StringLike",
                            Map.of("s3:prefix", like),
                            "StringNotLike",
                            Map.of("s3:prefix", like.stream().map(p -> p + "?*").toList()))));
        }
    }

    private static java.util.Optional<List<String>> objects(List<BucketPrefixes> all) {
        List<String> arns = new ArrayList<>();
        for (BucketPrefixes b : all) {
            S3Uri bucket = new S3Uri(b.bucket(), "");
            b.objectKeys().forEach(k -> arns.add(bucket.objectArn(k)));
        }
        List<String> d = distinct(arns);
        return d.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(d);
    }

    private static List<String> distinct(List<String> values) {
        return List.copyOf(new LinkedHashSet<>(values));
    }
}
