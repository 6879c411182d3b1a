package io.trailtailor.grants.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** EKS API responses (botocore {@code eks/2017-11-01} shapes, as the AWS CLI prints them) to records. */
final class EksObjects {

    private EksObjects() {}

    static EksClusterInfo cluster(JsonNode c) {
        JsonNode access = c.path("accessConfig");
        JsonNode bootstrap = access.path("bootstrapClusterCreatorAdminPermissions");
        JsonNode issuer = c.path("identity").path("oidc").path("issuer");
        return new EksClusterInfo(
                c.path("name").asText(),
                c.path("arn").asText(null),
                issuer.isTextual() ? issuer.asText() : null,
                access.path("authenticationMode").asText(null),
                bootstrap.isBoolean() ? bootstrap.asBoolean() : null,
                K8sObjects.instant(c.path("createdAt")));
    }

    static AccessEntry accessEntry(JsonNode e) {
        return new AccessEntry(
                e.path("clusterName").asText(),
                e.path("principalArn").asText(),
                e.path("accessEntryArn").asText(null),
                K8sObjects.texts(e.path("kubernetesGroups")),
                e.path("username").asText(null),
                e.path("type").asText(null),
                K8sObjects.instant(e.path("createdAt")));
    }

    static List<AssociatedAccessPolicy> accessPolicies(JsonNode root) {
        List<AssociatedAccessPolicy> out = new ArrayList<>();
        for (JsonNode p : root.path("associatedAccessPolicies")) {
            JsonNode scope = p.path("accessScope");
            out.add(new AssociatedAccessPolicy(
                    root.path("clusterName").asText(),
                    root.path("principalArn").asText(),
                    p.path("policyArn").asText(),
                    scope.path("type").asText(),
                    K8sObjects.texts(scope.path("namespaces")),
                    K8sObjects.instant(p.path("associatedAt"))));
        }
        return out;
    }

    static PodIdentityAssociation podIdentity(JsonNode a) {
        JsonNode policy = a.path("policy");
        return new PodIdentityAssociation(
                a.path("clusterName").asText(),
                a.path("namespace").asText(),
                a.path("serviceAccount").asText(),
                a.path("roleArn").asText(),
                a.path("targetRoleArn").asText(null),
                a.path("associationArn").asText(null),
                a.path("associationId").asText(null),
                a.path("disableSessionTags").asBoolean(false),
                policy.isTextual() ? policy.asText() : null,
                K8sObjects.instant(a.path("createdAt")));
    }
}
