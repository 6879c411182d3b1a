package io.trailtailor.findings.workload;

import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.FindingsOptions;
import io.trailtailor.findings.used.UsedAction;
import io.trailtailor.findings.used.UsedSide;
import io.trailtailor.grants.IamSnapshotReader;
import io.trailtailor.grants.ManagedPolicies;
import io.trailtailor.identity.WorkloadSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the workload-identity rule tests share: one role {@code backend} whose trust has the one statement a test
 * gives, read from a real get-account-authorization-details file, and a two-week window of use.
 */
final class WorkloadRuleFixture {

    static final String ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    static final String PROVIDER = "arn:aws:iam::111122223333:oidc-provider/" + ISSUER;
    static final String ROLE = "arn:aws:iam::111122223333:role/backend";
    static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-11-15T00:00:00Z");

    private WorkloadRuleFixture() {}

    /** An IRSA trust statement for the EKS provider, with {@code condition} (a {@code ,"Condition":...} or empty). */
    static String webIdentityTrust(String condition) {
        return "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + PROVIDER
                + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"" + condition + "}";
    }

    /** The context over role {@code backend} with the trust statement, the usage rows and the workloads given. */
    static FindingContext context(
            Path dir, String trustStatement, List<UsedAction> actions, List<WorkloadSummary> workloads)
            throws IOException {
        String json = """
                {"RoleDetailList":[{"Path":"/","RoleName":"backend","Arn":"%s",
                 "CreateDate":"2026-01-01T00:00:00+00:00",
                 "AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[%s]},
                 "InstanceProfileList":[],"RolePolicyList":[],"AttachedManagedPolicies":[],"Tags":[]}],
                 "UserDetailList":[],"GroupDetailList":[],"Policies":[]}
                """.formatted(ROLE, trustStatement);
        Path f = dir.resolve("gaad.json");
        Files.writeString(f, json);
        return FindingContext.of(
                IamCatalog.loadDefault(),
                IamSnapshotReader.read(f),
                ManagedPolicies.loadDefault(),
                Map.of(),
                null,
                new UsedSide(actions, workloads, List.of(), List.of(), FROM, TO),
                FindingsOptions.defaults(),
                Map.of(),
                Map.of());
    }
}
