package io.trailtailor.findings.node;

import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.used.NodeRoleCall;
import io.trailtailor.grants.RoleGrant;
import io.trailtailor.grants.TrustStatement;
import io.trailtailor.grants.cluster.AccessEntry;
import io.trailtailor.grants.cluster.ClusterSnapshot;
import io.trailtailor.grants.cluster.IdentityMapping;
import io.trailtailor.policy.Effect;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Tells which roles of the snapshot are EKS node roles, and why: EC2 may assume it and it sits in an instance
 * profile; or a cluster maps it into {@code system:nodes} (aws-auth) or gives it an {@code EC2_LINUX} access entry;
 * or the input shows instance-profile sessions of it. aws-auth names roles without their path, so roles are matched
 * by account and name.
 */
final class NodeRoles {

    private NodeRoles() {}

    /** Node roles by ARN, each with the sorted reasons it counts as one. */
    static Map<String, List<String>> of(FindingContext ctx) {
        Map<String, Set<String>> why = new TreeMap<>();
        Set<String> seenAsInstanceProfile = new TreeSet<>();
        ctx.used().nodeRoleCalls().stream().map(NodeRoleCall::roleArn).forEach(a -> seenAsInstanceProfile.add(key(a)));
        for (RoleGrant role : ctx.roles()) {
            String k = key(role.arn());
            if (ec2Trusted(role) && !role.instanceProfiles().isEmpty()) {
                add(why, role, "EC2 trust and instance profile");
            }
            for (ClusterSnapshot c : ctx.clusters().values()) {
                for (IdentityMapping m : c.awsAuth()) {
                    if (m.groups().contains("system:nodes") && key(m.arn()).equals(k)) {
                        add(why, role, "aws-auth maps it to system:nodes in " + c.cluster());
                    }
                }
                for (AccessEntry e : c.accessEntries()) {
                    if ("EC2_LINUX".equals(e.type()) && key(e.principalArn()).equals(k)) {
                        add(why, role, "EC2_LINUX access entry in " + c.cluster());
                    }
                }
            }
            if (seenAsInstanceProfile.contains(k)) add(why, role, "instance-profile sessions in the input");
        }
        Map<String, List<String>> out = new TreeMap<>();
        why.forEach((arn, reasons) -> out.put(arn, List.copyOf(reasons)));
        return out;
    }

    static boolean ec2Trusted(RoleGrant role) {
        if (role.trust() == null) return false;
        for (TrustStatement s : role.trust().statements()) {
            if (s.notPrincipal() || s.effect() != Effect.ALLOW) continue;
            boolean ec2 = s.principals("Service").contains("ec2.amazonaws.com");
            boolean assume = s.actions().stream()
                    .anyMatch(a -> a.equalsIgnoreCase("sts:AssumeRole") || a.equals("sts:*") || a.equals("*"));
            if (ec2 && assume) return true;
        }
        return false;
    }

    private static void add(Map<String, Set<String>> why, RoleGrant role, String reason) {
        why.computeIfAbsent(role.arn(), a -> new TreeSet<>()).add(reason);
    }

    /** {@code account/name} of a role ARN, path dropped; the ARN itself when it is not a role ARN. */
    static String key(String arn) {
        if (arn == null) return "";
        String[] p = arn.split(":", 6);
        if (p.length < 6 || !p[5].startsWith("role/")) return arn;
        String res = p[5];
        return p[4] + "/" + res.substring(res.lastIndexOf('/') + 1);
    }
}
