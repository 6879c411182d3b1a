package io.trailtailor.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailtailor.event.ApiCall;
import io.trailtailor.event.CallerIdentity;
import io.trailtailor.event.Json;
import io.trailtailor.event.Timestamps;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns CloudTrail records into {@link CredentialSession}s: exactly from the event that issued the credentials
 * ({@link #fromIssuingEvent}), or approximately from any call made with them ({@link #inferFromCall}) when the
 * issuing event is outside the window. Stateless apart from the cluster directory it reads.
 */
public final class SessionExtractor {

    static final String PODS_EKS = "pods.eks.amazonaws.com";
    static final String EC2 = "ec2.amazonaws.com";
    private static final Set<String> ISSUING = Set.of(
            "AssumeRole", "AssumeRoleWithWebIdentity", "AssumeRoleWithSAML", "GetSessionToken", "GetFederationToken");
    private static final String SA_PREFIX = "system:serviceaccount:";

    private final ClusterDirectory clusters;

    public SessionExtractor(ClusterDirectory clusters) {
        this.clusters = clusters == null ? new ClusterDirectory() : clusters;
    }

    /** Whether the call is an STS call that can mint credentials (successful or not). */
    public static boolean isIssuingEvent(ApiCall call) {
        return "sts.amazonaws.com".equals(call.eventSource()) && ISSUING.contains(call.eventName());
    }

    /** The session a successful STS issuing event created; empty for other calls and for failures. */
    public Optional<CredentialSession> fromIssuingEvent(ApiCall call) {
        if (!isIssuingEvent(call) || call.errorCode() != null) {
            return Optional.empty();
        }
        JsonNode response = Json.tree(call.responseElements());
        JsonNode request = Json.tree(call.requestParameters());
        String key = Json.pointer(response, "/credentials/accessKeyId");
        if (key == null) {
            return Optional.empty();
        }
        CallerIdentity id = call.identity();
        String roleArn = Json.pointer(request, "/roleArn");
        String sessionName = Json.pointer(request, "/roleSessionName");
        Instant expires = Timestamps.parse(Json.pointer(response, "/credentials/expiration"));
        if (expires == null && request.path("durationSeconds").canConvertToLong()) {
            expires =
                    call.eventTime().plusSeconds(request.path("durationSeconds").asLong());
        }
        String sessionArn = Json.pointer(response, "/assumedRoleUser/arn");
        if (sessionArn == null && roleArn != null && sessionName != null) {
            sessionArn = Arns.assumedRoleArn(roleArn, sessionName);
        }
        CredentialSession.Builder b = CredentialSession.builder(key, Mechanism.UNKNOWN)
                .roleArn(roleArn)
                .sessionArn(sessionArn)
                .sessionName(sessionName)
                .accountId(firstNonNull(Arns.account(roleArn), call.recipientAccountId(), id.accountId()))
                .issuedAt(call.eventTime())
                .expiresAt(expires)
                .issuingEventId(call.eventId())
                .issuerInWindow(true);
        switch (call.eventName()) {
            case "AssumeRoleWithWebIdentity" -> webIdentity(b, call, response);
            case "AssumeRoleWithSAML" ->
                b.mechanism(Mechanism.SAML)
                        .webIdProvider(firstNonNull(Json.pointer(response, "/issuer"), id.webIdProvider()))
                        .rootPrincipal("saml:"
                                + firstNonNull(Json.pointer(response, "/subject"), id.userName(), id.principalId()));
            case "GetSessionToken", "GetFederationToken" -> userSession(b, call, response);
            default -> assumeRole(b, call, request, sessionName);
        }
        return Optional.of(b.build());
    }

    private void webIdentity(CredentialSession.Builder b, ApiCall call, JsonNode response) {
        CallerIdentity id = call.identity();
        String provider = firstNonNull(Json.pointer(response, "/provider"), id.webIdProvider());
        String subject = firstNonNull(Json.pointer(response, "/subjectFromWebIdentityToken"), id.userName());
        b.webIdProvider(provider);
        if (ClusterDirectory.isEksIssuer(provider)) {
            String cluster = clusters.clusterFor(provider);
            b.mechanism(Mechanism.IRSA).cluster(cluster);
            if (subject != null && subject.startsWith(SA_PREFIX)) {
                String[] nsSa = subject.substring(SA_PREFIX.length()).split(":", 2);
                if (nsSa.length == 2) {
                    b.namespace(nsSa[0]).serviceAccount(nsSa[1]);
                }
            }
            b.rootPrincipal(Principals.workload(
                    cluster, b.build().namespace(), b.build().serviceAccount()));
        } else {
            // GitHub Actions, Cognito, Google, any other OIDC: labelled by the provider host.
            String label = provider == null ? null : ClusterDirectory.normalizeIssuer(provider);
            b.mechanism(Mechanism.WEB_IDENTITY)
                    .webIdProvider(label)
                    .rootPrincipal((label == null ? "web-identity" : label) + (subject == null ? "" : ":" + subject));
        }
    }

    private static void userSession(CredentialSession.Builder b, ApiCall call, JsonNode response) {
        CallerIdentity id = call.identity();
        boolean root = "Root".equals(id.type());
        b.mechanism(root ? Mechanism.ROOT : Mechanism.IAM_USER)
                .parentAccessKeyId(id.accessKeyId())
                .sessionArn(firstNonNull(Json.pointer(response, "/federatedUser/arn"), id.arn()))
                .rootPrincipal(root ? Principals.root(id) : id.arn());
    }

    private void assumeRole(CredentialSession.Builder b, ApiCall call, JsonNode request, String sessionName) {
        CallerIdentity id = call.identity();
        if (id.isAwsService() && PODS_EKS.equals(id.invokedBy())) {
            podIdentity(b, request, sessionName);
        } else if (id.isAwsService() && EC2.equals(id.invokedBy())) {
            b.mechanism(Mechanism.INSTANCE_PROFILE);
            if (Principals.isInstanceId(sessionName)) {
                b.instanceId(sessionName).rootPrincipal("ec2:" + sessionName);
            }
        } else if (id.isAwsService() || (id.accessKeyId() == null && id.invokedBy() != null && id.arn() == null)) {
            b.mechanism(Mechanism.AWS_SERVICE).rootPrincipal(id.invokedBy());
        } else if (id.accessKeyId() != null || id.arn() != null) {
            // Made with other credentials: the new session's root is the root of the caller (SessionChain.resolve).
            b.mechanism(Mechanism.ROLE_CHAIN)
                    .parentAccessKeyId(id.accessKeyId())
                    .rootPrincipal(id.arn())
                    .rootMechanism(Mechanism.UNKNOWN);
        }
    }

    private void podIdentity(CredentialSession.Builder b, JsonNode request, String sessionName) {
        b.mechanism(Mechanism.POD_IDENTITY);
        Map<String, String> tags = new HashMap<>();
        for (JsonNode tag : request.path("tags")) {
            String k = Json.pointer(tag, "/key");
            String v = Json.pointer(tag, "/value");
            if (k != null && v != null) {
                tags.put(k, v);
            }
        }
        String cluster = tags.get("eks-cluster-name");
        if (cluster == null && tags.get("eks-cluster-arn") != null) {
            cluster = Arns.lastPathPart(tags.get("eks-cluster-arn"));
        }
        if (cluster != null || tags.containsKey("kubernetes-pod-uid")) {
            b.cluster(cluster)
                    .namespace(tags.get("kubernetes-namespace"))
                    .serviceAccount(tags.get("kubernetes-service-account"))
                    .podName(tags.get("kubernetes-pod-name"))
                    .podUid(tags.get("kubernetes-pod-uid"));
        } else {
            // Session tags disabled on the association: only the session name is left.
            PodIdentitySessionName parsed = PodIdentitySessionName.parse(sessionName, clusters);
            if (parsed != null) {
                b.cluster(parsed.cluster(clusters)).podName(parsed.podName());
            }
        }
        CredentialSession s = b.build();
        b.rootPrincipal(Principals.workload(s.cluster(), s.namespace(), s.serviceAccount()));
    }

    /**
     * A session inferred from a call made with credentials whose issuing event was not seen: marked
     * {@code issuerInWindow=false}. Empty when the call carries no credentials to key on and is not a service call.
     */
    public Optional<CredentialSession> inferFromCall(ApiCall call) {
        CallerIdentity id = call.identity();
        String key = id.accessKeyId();
        String type = id.type();
        if (key == null && !id.isAwsService() && !"WebIdentityUser".equals(type) && !"SAMLUser".equals(type)) {
            return Optional.empty();
        }
        CredentialSession.Builder b = CredentialSession.builder(key, Mechanism.UNKNOWN)
                .accountId(firstNonNull(id.accountId(), call.recipientAccountId()))
                .issuedAt(id.creationDate())
                .issuerInWindow(false);
        if (id.isAwsService()) {
            b.mechanism(Mechanism.AWS_SERVICE).rootPrincipal(id.invokedBy());
            // A service minting credentials for a pod (EKS Pod Identity): the call is for that pod.
            fromIssuingEvent(call)
                    .ifPresent(minted -> b.roleArn(minted.roleArn())
                            .sessionName(minted.sessionName())
                            .sessionArn(minted.sessionArn())
                            .issuedAt(minted.issuedAt())
                            .cluster(minted.cluster())
                            .namespace(minted.namespace())
                            .serviceAccount(minted.serviceAccount())
                            .podName(minted.podName())
                            .podUid(minted.podUid())
                            .instanceId(minted.instanceId()));
            return Optional.of(b.build());
        }
        if ("WebIdentityUser".equals(type) || "SAMLUser".equals(type)) {
            // The mint call itself, successful or not: the caller is the federated identity the event names.
            CredentialSession.Builder caller = CredentialSession.builder(null, Mechanism.UNKNOWN)
                    .accountId(b.build().accountId())
                    .issuedAt(call.eventTime())
                    .issuerInWindow(true)
                    .roleArn(Json.pointer(Json.tree(call.requestParameters()), "/roleArn"));
            if ("SAMLUser".equals(type)) {
                return Optional.of(caller.mechanism(Mechanism.SAML)
                        .webIdProvider(id.webIdProvider())
                        .rootPrincipal("saml:" + firstNonNull(id.userName(), id.principalId()))
                        .build());
            }
            webIdentity(caller, call, Json.tree(call.responseElements()));
            return Optional.of(caller.build());
        }
        if ("Root".equals(type)) {
            return Optional.of(b.mechanism(Mechanism.ROOT)
                    .sessionArn(id.arn())
                    .rootPrincipal(Principals.root(id))
                    .build());
        }
        if ("IAMUser".equals(type) || "FederatedUser".equals(type) || key.startsWith("AKIA")) {
            return Optional.of(b.mechanism(Mechanism.IAM_USER)
                    .sessionArn(id.arn())
                    .rootPrincipal("FederatedUser".equals(type) ? id.arn() : firstNonNull(id.arn(), id.userName()))
                    .build());
        }
        if ("SAMLUser".equals(type)) {
            return Optional.of(b.mechanism(Mechanism.SAML)
                    .rootPrincipal("saml:" + id.userName())
                    .build());
        }
        String roleArn = id.sessionIssuerArn();
        String sessionName = firstNonNull(id.sessionName(), Arns.lastPathPart(id.arn()));
        b.roleArn(roleArn).sessionArn(id.arn()).sessionName(sessionName);
        if (id.webIdProvider() != null) {
            if (ClusterDirectory.isEksIssuer(id.webIdProvider())) {
                // Cluster is exact; the service account is not written on follow-on calls (FORMATS.md §2.3).
                String cluster = clusters.clusterFor(id.webIdProvider());
                b.mechanism(Mechanism.IRSA)
                        .webIdProvider(id.webIdProvider())
                        .cluster(cluster)
                        .rootPrincipal(Principals.workload(cluster, null, null));
            } else {
                String label = ClusterDirectory.normalizeIssuer(id.webIdProvider());
                b.mechanism(Mechanism.WEB_IDENTITY).webIdProvider(label).rootPrincipal(label);
            }
            return Optional.of(b.build());
        }
        if (Principals.isInstanceId(sessionName) || id.ec2RoleDelivery() != null) {
            b.mechanism(Mechanism.INSTANCE_PROFILE);
            if (Principals.isInstanceId(sessionName)) {
                b.instanceId(sessionName).rootPrincipal("ec2:" + sessionName);
            }
            return Optional.of(b.build());
        }
        PodIdentitySessionName pod = PodIdentitySessionName.parse(sessionName, clusters);
        if (pod != null) {
            String cluster = pod.cluster(clusters);
            return Optional.of(b.mechanism(Mechanism.POD_IDENTITY)
                    .cluster(cluster)
                    .podName(pod.podName())
                    .rootPrincipal(Principals.workload(cluster, null, null))
                    .build());
        }
        return Optional.of(
                b.mechanism(Mechanism.UNKNOWN).rootPrincipal(id.arn()).build());
    }

    /**
     * The session with its cluster renamed by the directory as it is now: an IRSA session extracted before the
     * cluster's snapshot or DescribeCluster event was seen carries the issuer id, which this replaces.
     */
    public CredentialSession withCurrentClusterName(CredentialSession s) {
        if (s.webIdProvider() == null || !ClusterDirectory.isEksIssuer(s.webIdProvider())) {
            return s;
        }
        String now = clusters.clusterFor(s.webIdProvider());
        if (now.equals(s.cluster())) {
            return s;
        }
        String root = s.mechanism() == Mechanism.IRSA
                ? Principals.workload(now, s.namespace(), s.serviceAccount())
                : s.rootPrincipal();
        return s.toBuilder().cluster(now).rootPrincipal(root).build();
    }

    @SafeVarargs
    static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
