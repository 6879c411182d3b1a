package io.trailtailor.policy.pipeline;

import io.trailtailor.event.KeyFilter;
import java.util.List;

/**
 * One run of the pipeline as its options describe it: what it reads, where it writes, and the services it consumes.
 *
 * @param cloudTrail {@code --cloudtrail} sources (paths or {@code s3://} URIs)
 * @param audit {@code --k8s-audit} sources, without their {@code CLUSTER=} part
 * @param out {@code --out}
 * @param checkpoints {@code --checkpoints}, or null
 * @param kmsKeys key ARNs the inputs are encrypted with (SSE-KMS)
 * @param kinesisStreams stream ARNs the Kinesis source polls (ListShards, GetShardIterator, GetRecords)
 * @param sqsQueues queue URLs to receive S3 notifications from; the objects they name are read under the s3:// sources
 * @param filter the {@code --from/--to/--accounts/--regions} pruning of CloudTrail keys
 */
public record PipelineRun(
        List<String> cloudTrail,
        List<String> audit,
        String out,
        String checkpoints,
        List<String> kmsKeys,
        List<String> kinesisStreams,
        List<String> sqsQueues,
        KeyFilter filter) {

    public PipelineRun {
        cloudTrail = List.copyOf(cloudTrail);
        audit = List.copyOf(audit);
        kmsKeys = List.copyOf(kmsKeys);
        kinesisStreams = List.copyOf(kinesisStreams);
        sqsQueues = List.copyOf(sqsQueues);
        filter = filter == null ? KeyFilter.ALL : filter;
    }
}
