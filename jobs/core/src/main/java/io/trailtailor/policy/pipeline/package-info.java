/**
 * The IAM policy the pipeline itself needs for one run ({@code trailtailor self-policy}).
 *
 * <p>{@link io.trailtailor.policy.pipeline.PipelineRun} describes a run by its options (inputs, outputs, checkpoints,
 * KMS keys, Kinesis streams, SQS queues, and the {@code --from/--to/--accounts/--regions} filter);
 * {@link io.trailtailor.policy.pipeline.PipelinePolicy} turns it into statements that allow exactly the calls the run
 * makes: read and list on the input prefixes the listing walks ({@link io.trailtailor.policy.pipeline.TrailPrefixes}),
 * write on the output and checkpoint prefixes, the polling calls of the Kinesis source on its streams, receive and
 * delete on the SQS queues (with read on everything under the s3:// sources, which their notifications may name), and
 * nothing on local paths.
 */
package io.trailtailor.policy.pipeline;
