/**
 * Synthetic CloudTrail and EKS audit data with ground truth ({@code trailtailor generate}).
 *
 * <p>Entry point: {@link io.trailtailor.synthetic.Generator#generate}. Everything derives from the seed (one
 * SplittableRandom, never the clock or hash order), so equal options give byte-identical output. Time advances in
 * 10-second slices; only live pods, sessions and undelivered 5-minute windows are held in memory.
 *
 * <p>Parts: {@link io.trailtailor.synthetic.Simulation} wires them and runs the slices. The
 * {@link io.trailtailor.synthetic.Scheduler} orders actions; {@link io.trailtailor.synthetic.NodeLifecycle},
 * {@link io.trailtailor.synthetic.PodLifecycle} and {@link io.trailtailor.synthetic.Principals} are the actors;
 * {@link io.trailtailor.synthetic.CredentialMints} hands pods and nodes their sessions, every mint written through
 * {@link io.trailtailor.synthetic.StsRecords}; {@link io.trailtailor.synthetic.CallMix} fills each slice with API
 * calls ({@link io.trailtailor.synthetic.Ops}). CloudTrail goes out through
 * {@link io.trailtailor.synthetic.CloudTrailEmitter}, audit events through
 * {@link io.trailtailor.synthetic.AuditWriter} ({@link io.trailtailor.synthetic.PodAuditEvents},
 * {@link io.trailtailor.synthetic.ControlPlaneChatter}), the ground truth through
 * {@link io.trailtailor.synthetic.TruthSink}.
 *
 * <p>Layout under the output directory:
 *
 * <pre>
 * cloudtrail/AWSLogs/[o-xxxxxxxxxx/]ACCT/CloudTrail/REGION/YYYY/MM/DD/ACCT_CloudTrail_REGION_YYYYMMDDTHHmmZ_XXXXXXXXXXXXXXXX.json.gz
 *     {"Records":[...]} per account, region and 5-minute delivery window (named and dated by delivery time =
 *     event time + 0-10 min, rounded up to the window end), shuffled; windows over 5000 records split into more objects;
 *     ~0.5% of records delivered again 5-15 min later (same bytes)
 * cloudtrail/AWSLogs/[o-…/]ACCT/CloudTrail-Digest/REGION/YYYY/MM/DD/ACCT_CloudTrail-Digest_REGION_org-trail_REGION_YYYYMMDDTHHmmssZ.json.gz
 *     one digest object per account, region and day (must be skipped)
 * eks-audit/CLUSTER1/exportedlogs/aws-logs-write-test                       "Permission Check Successful" (skip)
 * eks-audit/CLUSTER1/exportedlogs/TASK-UUID/kube-apiserver-audit-HEX32/000000.gz, 000001.gz …
 *     lines "YYYY-MM-DDTHH:MM:SS.mmmZ {audit event}", a new log stream per day, 50 000 lines per chunk
 * eks-audit/CLUSTER2/firehose/YYYY/MM/DD/HH/eks-audit-CLUSTER2-1-YYYY-MM-DD-HH-MM-SS-UUID.gz   (eks-mixed only)
 *     concatenated gzip members: one CONTROL_MESSAGE, then DATA_MESSAGE batches of up to 100 logEvents
 * cloudtrail-shipped/logstash-cloudtrail-YYYY.MM.DD.jsonl.gz                  (shape shippedRecords only)
 *     ~10% of records (and their redeliveries) instead of the trail: JSON lines, eventTime moved into @timestamp
 * truth/calls.jsonl.gz  truth/pods.jsonl.gz  truth/sessions.jsonl.gz  truth/usage.json  truth/manifest.json
 * </pre>
 *
 * <p>Extra {@link io.trailtailor.synthetic.Shapes}, all off by default: a cluster {@code stream-east} whose issuer no
 * EKS event or option names (manifest {@code issuerSource: "unnamed"}), the shipped records above, and an IRSA
 * {@code batch/prefix-reader} reading {@code input/<job-id>/part-NNNNN.parquet} across 160 job ids.
 *
 * <p>Truth formats (one JSON object per line, in generation order):
 *
 * <ul>
 *   <li>calls: {@code eventId, eventTime, eventSource, eventName, awsRegion, recipientAccountId, mechanism, roleArn,
 *       rootPrincipal, accessKeyId, mintedAccessKeyId, cluster, namespace, serviceAccount, podName, podUid, node,
 *       instanceId, action, resource, [alsoRequires[{action,resource}]], denied, issuerInWindow, duplicated}.
 *       {@code roleArn}/{@code accessKeyId} are the signing credentials (null for AWS-service, web-identity and SAML
 *       mints, where roleArn is the role being assumed); {@code issuerInWindow} is null when there is no issuing event
 *       (IAM user, root, unsigned mints); {@code rootPrincipal} is the start of the credential chain (service account,
 *       instance id, SAML subject, user ARN, invoking service).
 *   <li>pods: {@code cluster, namespace, name, uid, serviceAccount, node, instanceId, podIP, start, end,
 *       credential, roleArn, createdInWindow}.
 *   <li>sessions: {@code accessKeyId, mechanism, roleArn, sessionArn, sessionName, cluster, namespace,
 *       serviceAccount, podName, podUid, instanceId, issuedAt, issuingEventId, issuingEventWritten,
 *       parentAccessKeyId}.
 *   <li>usage.json: {@code {"roles": {ARN: {"allowed": [{action, resource}], "denied": [...]}}, "workloads":
 *       {"cluster/namespace/serviceAccount": {...}}}}, sorted; only calls signed with credentials count.
 * </ul>
 */
package io.trailtailor.synthetic;
