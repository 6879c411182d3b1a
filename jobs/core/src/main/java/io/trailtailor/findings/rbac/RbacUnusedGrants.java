package io.trailtailor.findings.rbac;

import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.Recommendation;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import io.trailtailor.grants.cluster.ClusterSnapshot;
import io.trailtailor.grants.cluster.RbacGrants;
import io.trailtailor.rbac.K8sAccess;
import io.trailtailor.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * TT-RBAC-002: per binding subject, the expanded rules cut into single (verb, group, resource) grants in their scope,
 * minus those an allowed request of the subject exercised (audit2rbac's replay, against the granted side). LOW,
 * MEDIUM when an unused grant writes. The patch is a diff of the grant set ({@code -} unused, blank kept); the file
 * is the RBAC sized to use this run wrote.
 */
public final class RbacUnusedGrants implements Rule {

    static final Set<String> WRITE_VERBS =
            Set.of("*", "create", "update", "patch", "delete", "deletecollection", "bind", "escalate", "impersonate");

    public RbacUnusedGrants() {}

    @Override
    public String id() {
        return "TT-RBAC-002";
    }

    /** One single grant: a verb on a group/resource, restricted to names or not, in a scope. */
    record Single(String verb, String group, String resource, List<String> names, String namespace) {
        String text() {
            return verb + " " + (group.isEmpty() ? "" : group + "/") + resource
                    + (names.isEmpty() ? "" : " " + names)
                    + (namespace == null ? "" : " in " + namespace);
        }

        boolean allows(K8sAccess a) {
            return (namespace == null || namespace.equals(a.namespace()))
                    && new PolicyRule(List.of(group), List.of(resource), names, List.of(verb)).allows(a);
        }
    }

    static List<Single> singles(RbacGrants.BoundRules b) {
        List<Single> out = new ArrayList<>();
        for (PolicyRule r : b.rules()) {
            for (String g : r.apiGroups()) {
                for (String res : r.resources()) {
                    for (String v : r.verbs()) out.add(new Single(v, g, res, r.resourceNames(), b.namespace()));
                }
            }
        }
        return out;
    }

    @Override
    public List<Finding> evaluate(FindingContext context, RuleInfo info) {
        List<Finding> out = new ArrayList<>();
        for (ClusterSnapshot c : context.clusters().values()) {
            if (!K8sUses.audited(context, c.cluster())) continue;
            for (SubjectGrants sg : SubjectGrants.of(c, K8sUses.ofCluster(context, c.cluster()))) {
                if (sg.bound().isEmpty()) continue;
                finding(context, info, sg).ifPresent(out::add);
            }
        }
        return out;
    }

    private static java.util.Optional<Finding> finding(FindingContext ctx, RuleInfo info, SubjectGrants sg) {
        List<K8sAccess> accesses = sg.accesses();
        Map<String, Boolean> grantUsed = new TreeMap<>();
        List<Evidence.Granted> granted = new ArrayList<>();
        for (RbacGrants.BoundRules b : sg.bound()) {
            List<String> texts = new ArrayList<>();
            for (Single s : singles(b)) {
                boolean used = accesses.stream().anyMatch(s::allows);
                grantUsed.merge(s.text(), used, Boolean::logicalOr);
                texts.add(s.text());
            }
            granted.add(new Evidence.Granted(
                    "RBAC_BINDING",
                    BindingKeys.of(b.binding()),
                    null,
                    texts,
                    List.of(b.clusterWide() ? "*" : b.namespace() + "/*")));
        }
        List<String> unused = grantUsed.entrySet().stream()
                .filter(e -> !e.getValue())
                .map(Map.Entry::getKey)
                .toList();
        if (unused.isEmpty()) return java.util.Optional.empty();
        boolean write = unused.stream().anyMatch(t -> WRITE_VERBS.contains(t.substring(0, t.indexOf(' '))));
        StringBuilder diff = new StringBuilder();
        grantUsed.forEach((t, used) -> diff.append(used ? "  " : "- ").append(t).append('\n'));
        String principal = sg.principal();
        String file =
                K8sUses.rbacFile(ctx, sg.cluster(), principal, sg.subject().name());
        var s = sg.subject();
        return java.util.Optional.of(Finding.of(
                info,
                write ? Severity.MEDIUM : Severity.LOW,
                K8sUses.unusedConfidence(ctx, sg.newestBinding()),
                new Finding.Subject(
                        null,
                        sg.cluster(),
                        s.namespace(),
                        s.kind().equals("ServiceAccount") ? s.name() : null,
                        sg.system()),
                RbacSubjects.describe(s) + " never used " + unused.size() + " of " + grantUsed.size() + " RBAC grants",
                RbacSubjects.describe(s) + " holds " + grantUsed.size() + " single grants through "
                        + sg.bound().size() + " binding(s) and exercised " + (grantUsed.size() - unused.size())
                        + (ctx.existedAllWindow(sg.newestBinding())
                                ? "."
                                : "; a binding was created inside the window, so part of it was not there all"
                                        + " window."),
                "subject:" + principal,
                unused,
                new Evidence(
                        granted,
                        K8sUses.evidence(sg.used()),
                        Map.of(
                                "grantedSingles", grantUsed.size(),
                                "unusedSingles", unused.size(),
                                "usedRequests", K8sUses.count(sg.used()))),
                new Recommendation(
                        RecommendationKind.REPLACE_RBAC,
                        file == null
                                ? "Drop the unused grants (lines marked -) from the roles bound to "
                                        + RbacSubjects.describe(s) + "."
                                : "Replace the roles bound to " + RbacSubjects.describe(s) + " with " + file
                                        + "; the diff marks the unused grants with -.",
                        file,
                        diff.toString(),
                        "text")));
    }
}
