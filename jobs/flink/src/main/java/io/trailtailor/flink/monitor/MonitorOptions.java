package io.trailtailor.flink.monitor;

import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.stream.EventTime;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Every knob of {@code monitor}: the inputs and policy knobs it shares with {@code analyze}, plus how it checkpoints,
 * how often it looks for new files, how late an event may be, and how it stops. Validated by the command line.
 *
 * @param analyze the options shared with {@code analyze} ({@code --out}, inputs, policy knobs, {@code --baseline})
 * @param checkpoints where checkpoints and savepoints go, an absolute local directory or {@code s3://bucket/prefix}
 *     ({@link CheckpointLocation}); the same one resumes
 * @param checkpointInterval how often a checkpoint commits the Parquet tables and alerts
 * @param discoveryInterval how often inputs are listed for new files
 * @param maxDelay how far the watermark trails the newest event ({@code --max-delay})
 * @param drain on SIGINT/SIGTERM, advance the watermark to the end first: pending calls are flushed (permanent stop)
 * @param kinesis {@code [CLUSTER=]STREAM_ARN} of CloudWatch Logs subscription streams
 * @param sqs queue URLs of S3 event notifications
 * @param sqsEndpoint an SQS-compatible server or VPC endpoint for every queue ({@code --sqs-endpoint}), or null for
 *     AWS's own in each queue's region
 * @param kinesisEndpoint a Kinesis-compatible server or VPC endpoint for every stream ({@code --kinesis-endpoint}),
 *     or null for AWS's own in each stream's region
 */
public record MonitorOptions(
        AnalyzeOptions analyze,
        String checkpoints,
        Duration checkpointInterval,
        Duration discoveryInterval,
        Duration maxDelay,
        boolean drain,
        List<String> kinesis,
        List<String> sqs,
        String sqsEndpoint,
        String kinesisEndpoint)
        implements Serializable {

    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_DISCOVERY_INTERVAL = Duration.ofSeconds(30);
    /**
     * The key groups keyed state is cut into, fixed for the life of a {@code --checkpoints} directory: a restore may
     * change the parallelism up to this, never past it. Flink's own default for any parallelism up to 85, so the
     * checkpoints of runs that left it unset restore unchanged.
     */
    public static final int MAX_PARALLELISM = 128;

    public MonitorOptions {
        kinesis = List.copyOf(kinesis);
        sqs = List.copyOf(sqs);
    }

    /** Whether {@code --cloudtrail} or {@code --k8s-audit} name inputs to list (the other sources need none). */
    public boolean watchesListedInputs() {
        return !analyze.cloudTrail().isEmpty() || !analyze.k8sAudit().isEmpty();
    }

    /** Event time as the pipeline uses it: the watermark trails the newest event by {@code --max-delay}. */
    public EventTime eventTime() {
        return new EventTime(maxDelay, EventTime.DEFAULT_IDLENESS);
    }
}
