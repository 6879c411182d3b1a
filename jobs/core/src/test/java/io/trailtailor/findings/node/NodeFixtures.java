package io.trailtailor.findings.node;

import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.FindingsOptions;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.findings.used.NodeRoleCall;
import io.trailtailor.findings.used.UsedSide;
import io.trailtailor.grants.IamSnapshotReader;
import io.trailtailor.grants.cluster.ClusterSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Small hand-built IAM snapshots and used sides for the node rules. */
final class NodeFixtures {

    static final String ACCOUNT = "111122223333";
    static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-11-15T00:00:00Z");

    static final String EC2_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    static final String LAMBDA_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private NodeFixtures() {}

    static String roleArn(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    static RuleInfo info(String id, String type, RecommendationKind kind) {
        return new RuleInfo(id, type, Severity.HIGH, type, "d", List.of(kind), List.of());
    }

    /** A GAAD file with one role: its trust, instance profile (or none), AWS managed policies by name and inline JSON. */
    static Path gaad(
            Path dir, String name, String trust, boolean instanceProfile, List<String> managed, String inlineDoc)
            throws IOException {
        String profiles = instanceProfile
                ? "{\"InstanceProfileName\":\"%s\",\"Arn\":\"arn:aws:iam::%s:instance-profile/%s\",\"Roles\":[]}"
                        .formatted(name, ACCOUNT, name)
                : "";
        String attached = managed.stream()
                .map(m -> "{\"PolicyName\":\"%s\",\"PolicyArn\":\"arn:aws:iam::aws:policy/%s\"}".formatted(m, m))
                .collect(Collectors.joining(","));
        String inline = inlineDoc == null ? "" : "{\"PolicyName\":\"extra\",\"PolicyDocument\":" + inlineDoc + "}";
        String json = """
                {"RoleDetailList":[{"Path":"/","RoleName":"%s","Arn":"%s","CreateDate":"2026-01-01T00:00:00+00:00",
                 "AssumeRolePolicyDocument":%s,"InstanceProfileList":[%s],"RolePolicyList":[%s],
                 "AttachedManagedPolicies":[%s],"Tags":[]}],
                 "UserDetailList":[],"GroupDetailList":[],"Policies":[]}
                """.formatted(name, roleArn(name), trust, profiles, inline, attached);
        Path f = dir.resolve(name + "-gaad.json");
        Files.writeString(f, json);
        return f;
    }

    static FindingContext context(Path gaad, Map<String, ClusterSnapshot> clusters, List<NodeRoleCall> calls) {
        UsedSide used = new UsedSide(List.of(), List.of(), List.of(), calls, FROM, TO);
        return FindingContext.of(
                IamCatalog.loadDefault(),
                gaad == null ? null : IamSnapshotReader.read(gaad),
                io.trailtailor.grants.ManagedPolicies.loadDefault(),
                clusters,
                null,
                used,
                FindingsOptions.defaults(),
                Map.of(),
                Map.of());
    }
}
