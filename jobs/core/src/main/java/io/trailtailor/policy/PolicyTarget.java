package io.trailtailor.policy;

import io.trailtailor.output.PathSegment;
import java.util.Locale;

/**
 * Whom a policy is for: an IAM role ({@code policies/roles/<accountId>/<roleName>}), an IAM user
 * ({@code policies/users/<accountId>/<userName>}, the name held in {@code roleName}) or a workload
 * ({@code policies/workloads/<cluster>/<namespace>/<serviceAccount>}). Path segments keep
 * {@code [A-Za-z0-9._+=,@-]} (all IAM role-name characters); any other character becomes {@code _} and the segment
 * gets {@code -} plus 8 hex digits of its SHA-256, so distinct names never share a file.
 */
public record PolicyTarget(
        Kind kind, String accountId, String roleName, String cluster, String namespace, String serviceAccount) {

    /** Role, user or workload. */
    public enum Kind {
        ROLE,
        WORKLOAD,
        USER
    }

    public static PolicyTarget role(String accountId, String roleName) {
        return new PolicyTarget(Kind.ROLE, accountId, roleName, null, null, null);
    }

    /** An IAM user; user names are unique per account, so the path is not part of the file name. */
    public static PolicyTarget user(String accountId, String userName) {
        return new PolicyTarget(Kind.USER, accountId, userName, null, null, null);
    }

    public static PolicyTarget workload(String cluster, String namespace, String serviceAccount) {
        return new PolicyTarget(Kind.WORKLOAD, null, null, cluster, namespace, serviceAccount);
    }

    /** Path without extension, e.g. {@code policies/roles/111122223333/app}. */
    public String basePath() {
        if (kind == Kind.USER) return "policies/users/" + segment(accountId) + "/" + segment(roleName);
        return kind == Kind.ROLE
                ? "policies/roles/" + segment(accountId) + "/" + segment(roleName)
                : "policies/workloads/" + segment(cluster) + "/" + segment(namespace) + "/" + segment(serviceAccount);
    }

    /** A short human label, e.g. {@code role 111122223333/app}. */
    public String label() {
        if (kind == Kind.USER) return "user " + accountId + "/" + roleName;
        return kind == Kind.ROLE
                ? "role " + accountId + "/" + roleName
                : "workload " + cluster + "/" + namespace + "/" + serviceAccount;
    }

    /** An identifier made of {@code [a-z0-9_]} starting with a letter, for Terraform names. */
    public String terraformName() {
        String raw = kind == Kind.USER
                ? "user_" + accountId + "_" + roleName
                : kind == Kind.ROLE
                        ? "role_" + accountId + "_" + roleName
                        : "workload_" + cluster + "_" + namespace + "_" + serviceAccount;
        return raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    /** An alphanumeric CloudFormation logical id. */
    public String logicalId() {
        String raw = kind == Kind.USER
                ? "User " + roleName
                : kind == Kind.ROLE
                        ? "Role " + roleName
                        : "Workload " + cluster + " " + namespace + " " + serviceAccount;
        StringBuilder sb = new StringBuilder();
        for (String w : raw.split("[^A-Za-z0-9]+")) {
            if (!w.isEmpty()) sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        if (sb.length() > 230) sb.setLength(230);
        return sb.append("Policy").toString();
    }

    static String segment(String s) {
        return PathSegment.of(s);
    }
}
