/**
 * Identity correlation: who, and which pod, is behind every AWS call. Pure functions and small per-key state
 * objects; the Flink job owns keys, state and timers and delegates every decision here.
 *
 * <p>How a keyed topology uses it ({@link io.trailtailor.identity.Correlator} is the same composition in one JVM and
 * the reference for its results):
 *
 * <ol>
 *   <li><b>Cluster directory</b>: build a {@link io.trailtailor.identity.ClusterDirectory} from {@code --cluster} and
 *       cluster snapshots, feed it EKS {@code CreateCluster}/{@code DescribeCluster} calls; gather the distinct
 *       claims of IRSA sessions and the role evidence of the audit log in one place and let
 *       {@link io.trailtailor.identity.IssuerInference#decide} name the issuers nobody named; broadcast the names.
 *   <li><b>Sessions, key = accessKeyId</b>: {@link io.trailtailor.identity.SessionExtractor#fromIssuingEvent} on STS
 *       events keyed by {@code responseElements.credentials.accessKeyId}; hold one
 *       {@link io.trailtailor.identity.CredentialSession} per key (TTL: {@code expiresAt} plus the out-of-order
 *       delay). Calls are keyed by {@code userIdentity.accessKeyId}, buffered by event time for the bounded delay;
 *       without a session, {@link io.trailtailor.identity.SessionExtractor#inferFromCall}. Chains:
 *       {@link io.trailtailor.identity.SessionChain#resolve} with the parent looked up in the same keyed state (in
 *       streaming, emit the session to the child's key, i.e. a second pass keyed by {@code parentAccessKeyId}).
 *   <li><b>Pods, key = (cluster, namespace, name)</b> from {@link io.trailtailor.identity.AuditRouting#podKeys}: hold a
 *       {@link io.trailtailor.identity.PodHistory}; on change emit its {@code lifetimes()}; prune with a timer at
 *       watermark minus retention.
 *   <li><b>Nodes, key = (cluster, node)</b> from {@link io.trailtailor.identity.AuditRouting#nodeKey}: hold a
 *       {@link io.trailtailor.identity.NodeHistory}; emit its {@link io.trailtailor.identity.NodeIdentity}, re-keyed by
 *       instanceId.
 *   <li><b>Attribution</b>: route each (call, session) by {@link io.trailtailor.identity.CandidateScope#of}:
 *       SERVICE_ACCOUNT → operator keyed by (cluster, namespace, serviceAccount) holding the pod lifetimes of that
 *       account; NODE → keyed by instanceId (holding the NodeIdentity), then by (cluster, node) holding the pods on
 *       it; POD_NAME (Pod Identity without session tags) → keyed by {@code podRoutingKey}, pods by
 *       {@link io.trailtailor.identity.PodIdentitySessionName#routingKey(String, String)}; NONE → no pod state
 *       (Pod Identity with tags is exact; the pod's node, if wanted, is a lookup by uid). There call
 *       {@link io.trailtailor.identity.Attributor#attribute} and emit the
 *       {@link io.trailtailor.identity.AttributedCall}.
 *   <li><b>Outputs</b>: {@link io.trailtailor.identity.K8sAccess#of} for IAM-authenticated audit events keyed by
 *       accessKeyId; {@link io.trailtailor.identity.WorkloadSummary.Aggregator} keyed by (cluster, namespace,
 *       serviceAccount) over attributed calls and pod lifetimes.
 * </ol>
 */
package io.trailtailor.identity;
