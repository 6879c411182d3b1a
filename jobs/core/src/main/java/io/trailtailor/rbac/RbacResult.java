package io.trailtailor.rbac;

import io.trailtailor.output.PathSegment;
import java.util.List;
import java.util.Optional;

/**
 * Everything generated for one principal on one cluster: roles and bindings sized to what it did, the narrowest EKS
 * access policy covering the same use (IAM principals only), the access-entry groups of the exact alternative, and
 * the requests that were granted and denied.
 */
public record RbacResult(
        String cluster,
        RbacPrincipal principal,
        List<RbacRole> roles,
        List<RbacBinding> bindings,
        Optional<EksAccessPolicies.Recommendation> eksAccess,
        List<String> accessEntryGroups,
        List<K8sAccess> granted,
        List<K8sAccess> denied,
        RbacOptions options) {

    public RbacResult {
        roles = List.copyOf(roles);
        bindings = List.copyOf(bindings);
        accessEntryGroups = List.copyOf(accessEntryGroups);
        granted = List.copyOf(granted);
        denied = List.copyOf(denied);
    }

    /** Output path under {@code --out}: {@code rbac/<cluster>/<principal file base>.yaml}. */
    public String relativePath() {
        return "rbac/" + PathSegment.of(cluster) + "/" + principal.fileBase() + ".yaml";
    }

    /** Whether the generated roles allow the request (a role only applies in its own namespace). */
    public boolean allows(K8sAccess a) {
        return roles.stream().anyMatch(r -> r.allows(a));
    }
}
