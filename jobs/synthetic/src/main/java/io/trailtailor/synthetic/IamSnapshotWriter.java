package io.trailtailor.synthetic;

import static io.trailtailor.synthetic.JsonOut.arr;
import static io.trailtailor.synthetic.JsonOut.obj;

import io.trailtailor.synthetic.Model.Account;
import io.trailtailor.synthetic.Model.Cluster;
import io.trailtailor.synthetic.Model.Credential;
import io.trailtailor.synthetic.Model.NodeGroup;
import io.trailtailor.synthetic.Model.Op;
import io.trailtailor.synthetic.Model.Role;
import io.trailtailor.synthetic.Model.Workload;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code snapshots/iam/<account>.json} in the {@code aws iam get-account-authorization-details} shape: every
 * workload role with the least-privilege policy its (successful) calls need, node roles with the node baseline, and
 * the deliberate over-privilege listed in {@code truth/expected-findings.json}. Denied calls are left out of the
 * grants on purpose: that is why they are denied.
 */
final class IamSnapshotWriter {
    private static final String AWS = "arn:aws:iam::aws:policy/";

    private final World w;
    private final String created; // every identity exists well before the window opens

    IamSnapshotWriter(World w, Instant windowStart) {
        this.w = w;
        this.created = windowStart.minusSeconds(90L * 86_400).toString();
    }

    void write(Path dir) throws IOException {
        for (Account a : w.accounts) {
            List<Object> roles = new ArrayList<>();
            for (Cluster c : w.clusters) {
                for (NodeGroup ng : c.nodeGroups) {
                    if (ng.role.account == a) roles.add(nodeRole(ng));
                }
                for (Workload wl : c.workloads) {
                    if (wl.role != null && wl.role.account == a) roles.add(workloadRole(wl));
                    if (wl.chainRole != null && wl.chainRole.account == a) {
                        roles.add(role(
                                wl.chainRole,
                                trustRole(wl.role.arn()),
                                List.of(inline("access", statements(wl.chainOps))),
                                List.of()));
                    }
                }
            }
            if (w.samlRole != null && w.samlRole.account == a) {
                roles.add(role(w.samlRole, trustSaml(a), List.of(), List.of(AWS + "AdministratorAccess")));
            }
            if (w.githubRole != null && w.githubRole.account == a) {
                roles.add(role(
                        w.githubRole, trustGithub(a), List.of(inline("release", statements(w.githubOps))), List.of()));
            }
            for (Role sr : w.serviceRoles) {
                if (sr.account == a) {
                    String svc = sr.name.startsWith("cfn") ? "cloudformation.amazonaws.com" : "lambda.amazonaws.com";
                    roles.add(role(
                            sr,
                            trustService(svc),
                            List.of(),
                            List.of(AWS + "service-role/AWSLambdaBasicExecutionRole")));
                }
            }
            if (a == w.accounts.get(0)) {
                // TT-IAM-001 and TT-EKS-001: a break-glass admin nobody used, mapped to system:masters
                Role glass = new Role(a, "break-glass-admin", "AROA" + a.id.substring(0, 8) + "GLASS0001");
                roles.add(role(
                        glass,
                        trustRole("arn:aws:iam::" + a.id + ":root"),
                        List.of(),
                        List.of(AWS + "AdministratorAccess")));
            }
            List<Object> users = new ArrayList<>();
            if (w.userAccount == a) {
                users.add(obj(
                        "Path",
                        "/",
                        "UserName",
                        w.userName,
                        "UserId",
                        w.userId,
                        "Arn",
                        "arn:aws:iam::" + a.id + ":user/" + w.userName,
                        "CreateDate",
                        created,
                        "UserPolicyList",
                        arr(inline("deploy", statements(w.userOps))),
                        "GroupList",
                        arr(),
                        "AttachedManagedPolicies",
                        arr(),
                        "Tags",
                        arr()));
            }
            JsonOut.write(
                    dir.resolve(a.id + ".json"),
                    obj(
                            "UserDetailList",
                            users,
                            "GroupDetailList",
                            arr(),
                            "RoleDetailList",
                            roles,
                            "Policies",
                            arr(),
                            "IsTruncated",
                            false));
        }
    }

    private Map<String, Object> nodeRole(NodeGroup ng) {
        List<String> managed = new ArrayList<>(List.of(
                AWS + "AmazonEKSWorkerNodePolicy",
                AWS + "AmazonEKS_CNI_Policy",
                AWS + "AmazonEC2ContainerRegistryReadOnly"));
        // TT-NODE-001: the first cluster's node groups carry S3 full access beyond the node baseline
        if (ng.cluster == w.clusters.get(0)) managed.add(AWS + "AmazonS3FullAccess");
        Map<String, Object> r = role(ng.role, trustService("ec2.amazonaws.com"), List.of(), managed);
        r.put(
                "InstanceProfileList",
                arr(obj(
                        "Path",
                        "/",
                        "InstanceProfileName",
                        ng.role.name,
                        "InstanceProfileId",
                        "AIPA" + ng.role.roleId.substring(4),
                        "Arn",
                        "arn:aws:iam::" + ng.role.account.id + ":instance-profile/" + ng.role.name,
                        "CreateDate",
                        created,
                        "Roles",
                        arr(obj("Arn", ng.role.arn(), "RoleName", ng.role.name)))));
        return r;
    }

    private Map<String, Object> workloadRole(Workload wl) {
        List<Object> st = statements(wl.ops);
        List<String> managed = new ArrayList<>();
        Object trust = wl.credential == Credential.IRSA ? trustIrsa(wl, "StringEquals") : trustPodIdentity(wl, true);
        switch (wl.role.name) {
            case "report-builder-irsa" -> {
                // TT-IAM-012 / 004 / 003: s3:* on * where use touched one bucket; TT-WID-002 wildcard subject
                st.add(stmt("S3Everything", List.of("s3:*"), List.of("*")));
                trust = trustIrsa(wl, "StringLike");
            }
            case "legacy-worker-role" -> {
                // TT-IAM-013 secrets on *; TT-IAM-006 kinesis data events never in the input; TT-IAM-002 unused
                // services
                st.add(stmt("Secrets", List.of("secretsmanager:GetSecretValue"), List.of("*")));
                st.add(stmt("Stream", List.of("kinesis:GetRecords", "kinesis:PutRecord"), List.of("*")));
            }
            case "checkout-pod-role" -> trust = trustPodIdentity(wl, false); // TT-WID-004 unscoped Pod Identity trust
            case "etl-orchestrator-irsa" -> {
                // TT-IAM-014 sts:AssumeRole on *; TT-WID-001 trust without :sub
                st.add(stmt("Chain", List.of("sts:AssumeRole"), List.of("*")));
                trust = trustIrsa(wl, null);
            }
            case "ci-deployer" -> {
                // TT-IAM-010 escalation, TT-IAM-016 PassRole on *, TT-IAM-015 permissions management, TT-EKS-003
                st.add(stmt(
                        "Deploy",
                        List.of(
                                "iam:PassRole",
                                "lambda:CreateFunction",
                                "iam:CreatePolicyVersion",
                                "iam:AttachRolePolicy",
                                "eks:CreateAccessEntry",
                                "eks:AssociateAccessPolicy"),
                        List.of("*")));
            }
            case "ml-trainer-role" -> managed.add(AWS + "AdministratorAccess"); // TT-IAM-011
            default -> {}
        }
        return role(wl.role, trust, List.of(inline(wl.deployment + "-access", st)), managed);
    }

    /** One statement per successful op kind and resource, as the generated policy would be. */
    static List<Object> statements(List<Op> ops) {
        List<Object> out = new ArrayList<>();
        for (Op op : ops) {
            if (op.denied) continue;
            String[] ar = OpGrants.actionAndResource(op);
            if (ar == null) continue;
            out.add(stmt(null, List.of(ar[0]), List.of(ar[1])));
        }
        return out;
    }

    static Map<String, Object> stmt(String sid, List<String> actions, List<String> resources) {
        return obj(
                "Sid",
                sid,
                "Effect",
                "Allow",
                "Action",
                new ArrayList<Object>(actions),
                "Resource",
                new ArrayList<Object>(resources));
    }

    private static Map<String, Object> inline(String name, List<Object> statements) {
        return obj("PolicyName", name, "PolicyDocument", obj("Version", "2012-10-17", "Statement", statements));
    }

    private Map<String, Object> role(Role r, Object trust, List<Object> inline, List<String> managed) {
        List<Object> attached = new ArrayList<>();
        for (String arn : managed)
            attached.add(obj("PolicyName", arn.substring(arn.lastIndexOf('/') + 1), "PolicyArn", arn));
        String doc =
                URLEncoder.encode(JsonOut.text(trust), StandardCharsets.UTF_8).replace("+", "%20");
        return obj(
                "Path",
                "/",
                "RoleName",
                r.name,
                "RoleId",
                r.roleId,
                "Arn",
                r.arn(),
                "CreateDate",
                created,
                "AssumeRolePolicyDocument",
                doc,
                "InstanceProfileList",
                arr(),
                "RolePolicyList",
                inline,
                "AttachedManagedPolicies",
                attached,
                "Tags",
                arr());
    }

    private static Object trustDoc(Object principal, String action, Object condition) {
        return obj(
                "Version",
                "2012-10-17",
                "Statement",
                arr(obj("Effect", "Allow", "Principal", principal, "Action", action, "Condition", condition)));
    }

    /** IRSA trust: {@code op} StringEquals (exact), StringLike (namespace wildcard) or null (no :sub at all). */
    private static Object trustIrsa(Workload wl, String op) {
        Cluster c = wl.cluster;
        String host = c.issuerUrl().substring("https://".length());
        Object principal = obj("Federated", "arn:aws:iam::" + wl.role.account.id + ":oidc-provider/" + host);
        Map<String, Object> eq = obj(host + ":aud", "sts.amazonaws.com");
        Map<String, Object> cond = obj("StringEquals", eq);
        if ("StringEquals".equals(op)) {
            eq.put(host + ":sub", "system:serviceaccount:" + wl.namespace + ":" + wl.serviceAccount);
        } else if ("StringLike".equals(op)) {
            cond.put("StringLike", obj(host + ":sub", "system:serviceaccount:" + wl.namespace + ":*"));
        }
        return trustDoc(principal, "sts:AssumeRoleWithWebIdentity", cond);
    }

    private static Object trustPodIdentity(Workload wl, boolean scoped) {
        Object cond = scoped ? obj("StringEquals", obj("aws:SourceAccount", wl.cluster.account.id)) : null;
        Map<String, Object> doc = obj(
                "Version",
                "2012-10-17",
                "Statement",
                arr(obj(
                        "Effect",
                        "Allow",
                        "Principal",
                        obj("Service", "pods.eks.amazonaws.com"),
                        "Action",
                        arr("sts:AssumeRole", "sts:TagSession"),
                        "Condition",
                        cond)));
        return doc;
    }

    private static Object trustService(String service) {
        return trustDoc(obj("Service", service), "sts:AssumeRole", null);
    }

    private static Object trustRole(String arn) {
        return trustDoc(obj("AWS", arn), "sts:AssumeRole", null);
    }

    private static Object trustSaml(Account a) {
        return trustDoc(
                obj("Federated", "arn:aws:iam::" + a.id + ":saml-provider/okta"),
                "sts:AssumeRoleWithSAML",
                obj("StringEquals", obj("SAML:aud", "https://signin.aws.amazon.com/saml")));
    }

    private static Object trustGithub(Account a) {
        String host = "token.actions.githubusercontent.com";
        return trustDoc(
                obj("Federated", "arn:aws:iam::" + a.id + ":oidc-provider/" + host),
                "sts:AssumeRoleWithWebIdentity",
                obj(
                        "StringEquals",
                        obj(
                                host + ":aud",
                                "sts.amazonaws.com",
                                host + ":sub",
                                "repo:example-org/checkout:ref:refs/heads/main")));
    }
}
