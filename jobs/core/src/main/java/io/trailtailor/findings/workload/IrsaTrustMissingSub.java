package io.trailtailor.findings.workload;

import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.Recommendation;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.grants.RoleGrant;
import io.trailtailor.grants.WebIdentityTrust;
import io.trailtailor.grants.cluster.ClusterSnapshot;
import io.trailtailor.grants.cluster.ServiceAccountInfo;
import io.trailtailor.identity.Mechanism;
import io.trailtailor.identity.WorkloadSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * TT-WID-001 IRSA_TRUST_MISSING_SUB: a role trusting an EKS OIDC provider for {@code sts:AssumeRoleWithWebIdentity}
 * with no {@code <issuer>:sub} condition lets every service account of the cluster assume it (CRITICAL). With
 * {@code :sub} but no {@code :aud} the gap is small (LOW). The fix scopes the trust to the service accounts seen using
 * the role (or, when none were seen, the ones annotated with it).
 */
public final class IrsaTrustMissingSub implements Rule {

    public static final String ID = "TT-WID-001";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> evaluate(FindingContext ctx, RuleInfo info) {
        if (!ctx.hasIamSnapshot()) return List.of();
        List<Finding> out = new ArrayList<>();
        for (RoleGrant role : ctx.roles()) {
            for (WebIdentityTrust t : WebIdentityTrust.of(role.trust())) {
                if (!t.isEksIssuer() || (t.hasSubCondition() && t.hasAudCondition())) continue;
                out.add(finding(ctx, info, role, t));
            }
        }
        return out;
    }

    private static Finding finding(FindingContext ctx, RuleInfo info, RoleGrant role, WebIdentityTrust t) {
        boolean noSub = !t.hasSubCondition();
        TreeSet<String> seen = observedSubjects(ctx, role.arn(), t.issuer());
        TreeSet<String> subjects = seen.isEmpty() ? annotatedSubjects(ctx, role.arn()) : seen;
        int index = role.trust().statements().indexOf(t.statement());
        String statement = t.statement().sid() != null ? t.statement().sid() : "#" + index;
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("issuer", t.issuer());
        facts.put("subCondition", !noSub);
        facts.put("audCondition", t.hasAudCondition());
        facts.put("subjectsSeen", List.copyOf(seen));
        facts.put("subjectsProposed", List.copyOf(subjects));
        String title = noSub
                ? "IRSA trust of " + role.name() + " admits every service account of " + t.issuer()
                : "IRSA trust of " + role.name() + " does not check the token audience";
        String detail = noSub
                ? "The web-identity statement " + statement + " has no " + t.subKey() + " condition."
                : "The web-identity statement " + statement + " has no " + t.audKey() + " condition.";
        Recommendation rec = subjects.isEmpty()
                ? Recommendation.of(
                        RecommendationKind.SCOPE_TRUST,
                        "Add StringEquals " + t.subKey() + " for the service accounts that need the role (none was"
                                + " seen) and " + t.audKey() + " = " + WebIdentityTrust.STS_AUDIENCE)
                : new Recommendation(
                        RecommendationKind.SCOPE_TRUST,
                        "Scope the trust to " + subjects + " with " + t.audKey() + " = "
                                + WebIdentityTrust.STS_AUDIENCE,
                        null,
                        IrsaTrustPatch.render(t.providerArn(), t.issuer(), subjects),
                        "json");
        return Finding.of(
                info,
                noSub ? Severity.CRITICAL : Severity.LOW,
                Confidence.HIGH,
                Finding.Subject.principal(role.arn(), false),
                title,
                detail,
                "trust:" + statement + ":" + t.providerArn(),
                List.of(WebIdentityTrust.ACTION),
                new Evidence(
                        List.of(new Evidence.Granted(
                                "TRUST_STATEMENT",
                                role.arn(),
                                statement,
                                t.statement().actions(),
                                List.of(t.providerArn()))),
                        List.of(),
                        facts),
                rec);
    }

    /** {@code system:serviceaccount:ns:sa} of the workloads that used the role by IRSA in this issuer's cluster. */
    static TreeSet<String> observedSubjects(FindingContext ctx, String roleArn, String issuer) {
        Map<String, String> clusterIssuers = new LinkedHashMap<>();
        ctx.clusters()
                .forEach((name, snap) -> snap.eks()
                        .filter(e -> e.issuerHost() != null)
                        .ifPresent(e -> clusterIssuers.put(name, e.issuerHost())));
        TreeSet<String> out = new TreeSet<>();
        for (WorkloadSummary w : ctx.used().workloadsOfRole(roleArn)) {
            if (!w.mechanisms().contains(Mechanism.IRSA)) continue;
            String clusterIssuer = clusterIssuers.get(w.cluster());
            // Without the cluster's describe-cluster the issuer is unknown: keep the workload rather than guess.
            if (clusterIssuer == null || clusterIssuer.equals(issuer)) {
                out.add(WebIdentityTrust.subject(w.namespace(), w.serviceAccount()));
            }
        }
        return out;
    }

    /** Service accounts whose {@code eks.amazonaws.com/role-arn} annotation names the role. */
    static TreeSet<String> annotatedSubjects(FindingContext ctx, String roleArn) {
        TreeSet<String> out = new TreeSet<>();
        for (ClusterSnapshot snap : ctx.clusters().values()) {
            for (ServiceAccountInfo sa : snap.serviceAccounts()) {
                if (roleArn.equals(sa.irsaRoleArn())) out.add(sa.subject());
            }
        }
        return out;
    }
}
