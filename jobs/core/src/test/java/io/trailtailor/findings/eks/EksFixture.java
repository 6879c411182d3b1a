package io.trailtailor.findings.eks;

/** EKS snapshot texts as {@code kubectl get configmap aws-auth -o json} and the {@code aws eks} CLI print them. */
final class EksFixture {

    static final String ACCOUNT = "111122223333";

    private EksFixture() {}

    static String roleArn(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    static String session(String role, String session) {
        return "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/" + session;
    }

    /** aws-auth with ops-admin (path /teams/) in system:masters and the node role in system:nodes. */
    static String awsAuth() {
        String mapRoles = "- rolearn: " + roleArn("ops-admin") + "\\n  username: ops-admin:{{SessionName}}\\n"
                + "  groups:\\n  - system:masters\\n"
                + "- rolearn: " + roleArn("node-role") + "\\n  username: system:node:{{EC2PrivateDNSName}}\\n"
                + "  groups:\\n  - system:bootstrappers\\n  - system:nodes\\n";
        String mapUsers = "- userarn: arn:aws:iam::" + ACCOUNT + ":user/dev\\n  username: dev\\n  groups:\\n"
                + "  - developers\\n";
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"aws-auth\",\"namespace\":"
                + "\"kube-system\"},\"data\":{\"mapRoles\":\"" + mapRoles + "\",\"mapUsers\":\"" + mapUsers + "\"}}";
    }

    static String accessEntry(String principalArn, String groupsJson) {
        return "{\"accessEntry\":{\"clusterName\":\"prod\",\"principalArn\":\"" + principalArn + "\","
                + "\"kubernetesGroups\":" + groupsJson + ",\"accessEntryArn\":\"arn:aws:eks:eu-west-1:" + ACCOUNT
                + ":access-entry/prod/role/" + ACCOUNT + "/x/0000\",\"createdAt\":\"2026-01-01T00:00:00+00:00\","
                + "\"modifiedAt\":\"2026-01-01T00:00:00+00:00\",\"tags\":{},\"username\":\"" + principalArn
                + "\",\"type\":\"STANDARD\"}}";
    }

    /** {@code aws eks list-associated-access-policies}: one policy at cluster scope or in the given namespaces. */
    static String associatedPolicy(String principalArn, String policy, String namespaces, String associatedAt) {
        String scope = namespaces == null
                ? "{\"type\":\"cluster\",\"namespaces\":[]}"
                : "{\"type\":\"namespace\",\"namespaces\":[\"" + namespaces + "\"]}";
        return "{\"clusterName\":\"prod\",\"principalArn\":\"" + principalArn + "\",\"associatedAccessPolicies\":[{"
                + "\"policyArn\":\"arn:aws:eks::aws:cluster-access-policy/" + policy + "\",\"accessScope\":" + scope
                + ",\"associatedAt\":\"" + associatedAt + "\",\"modifiedAt\":\"" + associatedAt + "\"}]}";
    }

    static String eksReason(String principalArn, String policy) {
        String arn = "arn:aws:eks::aws:cluster-access-policy/" + policy;
        return "EKS Access Policy: allowed by ClusterRoleBinding \"" + principalArn + "+" + arn + "\" of ClusterRole \""
                + arn + "\" to User \"AROAEXAMPLE\"";
    }
}
