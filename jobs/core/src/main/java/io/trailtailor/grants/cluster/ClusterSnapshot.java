package io.trailtailor.grants.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything read for one cluster ({@code --cluster-snapshot CLUSTER=PATH}): the EKS description, RBAC objects,
 * aws-auth mappings, access entries and their policies, Pod Identity associations, service accounts; plus the count
 * of files per kind and the files of no known kind (with the reason), which the summary reports.
 */
public record ClusterSnapshot(
        String cluster,
        Optional<EksClusterInfo> eks,
        List<RbacRoleDef> roles,
        List<RbacBindingDef> bindings,
        List<IdentityMapping> awsAuth,
        List<AccessEntry> accessEntries,
        List<AssociatedAccessPolicy> accessPolicies,
        List<PodIdentityAssociation> podIdentityAssociations,
        List<ServiceAccountInfo> serviceAccounts,
        Map<SnapshotKind, Integer> filesByKind,
        List<UnknownFile> unknownFiles) {

    public ClusterSnapshot {
        roles = List.copyOf(roles);
        bindings = List.copyOf(bindings);
        awsAuth = List.copyOf(awsAuth);
        accessEntries = List.copyOf(accessEntries);
        accessPolicies = List.copyOf(accessPolicies);
        podIdentityAssociations = List.copyOf(podIdentityAssociations);
        serviceAccounts = List.copyOf(serviceAccounts);
        filesByKind = Map.copyOf(filesByKind);
        unknownFiles = List.copyOf(unknownFiles);
    }

    /** A file the reader could not place. */
    public record UnknownFile(Path path, String reason) {}

    /** Every configured (service account → role) binding: IRSA annotations first, then Pod Identity associations. */
    public List<WorkloadRole> workloadRoles() {
        List<WorkloadRole> out = new java.util.ArrayList<>();
        for (ServiceAccountInfo sa : serviceAccounts) {
            if (sa.irsaRoleArn() != null) {
                out.add(new WorkloadRole(
                        cluster, sa.namespace(), sa.name(), sa.irsaRoleArn(), WorkloadRole.Mechanism.IRSA));
            }
        }
        for (PodIdentityAssociation a : podIdentityAssociations) {
            out.add(new WorkloadRole(
                    cluster,
                    a.namespace(),
                    a.serviceAccount(),
                    a.effectiveRoleArn(),
                    WorkloadRole.Mechanism.POD_IDENTITY));
        }
        return out;
    }

    public RbacGrants rbac() {
        return new RbacGrants(roles, bindings);
    }
}
