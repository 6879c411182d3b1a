package io.trailtailor.findings.iam;

import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.findings.CredentialReport;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.FindingsOptions;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleRegistry;
import io.trailtailor.findings.used.UsedAction;
import io.trailtailor.findings.used.UsedSide;
import io.trailtailor.grants.IamSnapshot;
import io.trailtailor.grants.IamSnapshotReader;
import io.trailtailor.grants.ManagedPolicies;
import io.trailtailor.identity.Mechanism;
import io.trailtailor.identity.WorkloadSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small hand-built estate for the IAM rule tests: roles in the real authorization-details shape, and usage. */
final class World {

    static final IamCatalog CATALOG = IamCatalog.loadDefault();
    static final ManagedPolicies MANAGED = ManagedPolicies.loadDefault();
    static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-11-15T00:00:00Z");
    static final String ACCOUNT = "111122223333";

    private final List<String> roles = new ArrayList<>();
    private final List<UsedAction> used = new ArrayList<>();
    private final List<WorkloadSummary> workloads = new ArrayList<>();
    private final Map<String, io.trailtailor.grants.cluster.ClusterSnapshot> clusters = new java.util.TreeMap<>();
    private Instant windowTo = TO;
    private CredentialReport report = CredentialReport.none();

    static String arn(String role) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + role;
    }

    /** A role with one inline policy; {@code statements} is the JSON array of its statements. */
    World role(String name, String created, String statements) {
        return role("/", name, created, statements);
    }

    /** A role under a path ({@code /aws-service-role/...} for a service-linked role). */
    World role(String path, String name, String created, String statements) {
        roles.add("""
                {"Path":"%s","RoleName":"%s","RoleId":"AROA%s","Arn":"%s","CreateDate":"%s",
                 "AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[]},
                 "RolePolicyList":[{"PolicyName":"%s-policy","PolicyDocument":{"Version":"2012-10-17","Statement":%s}}],
                 "AttachedManagedPolicies":[],"InstanceProfileList":[],"Tags":[],"RoleLastUsed":{}}""".formatted(
                        path, name, name.toUpperCase(java.util.Locale.ROOT), arn(name), created, name, statements));
        return this;
    }

    World role(String name, String statements) {
        return role(name, "2025-01-01T00:00:00+00:00", statements);
    }

    World roleCall(String role, String action, String resource, long calls, boolean denied) {
        used.add(row(UsedAction.ROLE, arn(role), null, null, null, action, resource, calls, denied, List.of()));
        return this;
    }

    World passRole(String role, String passed, String service) {
        used.add(row(UsedAction.ROLE, arn(role), null, null, null, "iam:PassRole", passed, 1, false, List.of(service)));
        return this;
    }

    /** A workload that used the role by {@code mechanism}. */
    World workload(String ns, String sa, String role, Mechanism mechanism) {
        workloads.add(new WorkloadSummary(
                "prod", ns, sa, List.of(mechanism), List.of(arn(role)), List.of(), 1, 0, List.of(), null));
        return this;
    }

    World workloadCall(String ns, String sa, String role, String action, String resource, long calls, boolean denied) {
        used.add(row(
                UsedAction.WORKLOAD,
                "prod/" + ns + "/" + sa,
                "prod",
                ns,
                sa,
                action,
                resource,
                calls,
                denied,
                List.of()));
        used.add(row(UsedAction.ROLE, arn(role), null, null, null, action, resource, calls, denied, List.of()));
        return this;
    }

    /** A cluster whose service account {@code ns/sa} carries the IRSA annotation for the role. */
    World irsaAnnotation(String ns, String sa, String role) {
        clusters.put(
                "prod",
                new io.trailtailor.grants.cluster.ClusterSnapshot(
                        "prod",
                        java.util.Optional.empty(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(new io.trailtailor.grants.cluster.ServiceAccountInfo(ns, sa, arn(role), null, null)),
                        Map.of(),
                        List.of()));
        return this;
    }

    World windowTo(Instant to) {
        this.windowTo = to;
        return this;
    }

    World report(CredentialReport r) {
        this.report = r;
        return this;
    }

    private static UsedAction row(
            String kind,
            String principal,
            String cluster,
            String ns,
            String sa,
            String action,
            String resource,
            long calls,
            boolean denied,
            List<String> passed) {
        return new UsedAction(
                kind,
                principal,
                cluster,
                ns,
                sa,
                action,
                resource,
                denied,
                calls,
                FROM.plusSeconds(60),
                FROM.plusSeconds(3600),
                List.of("evt-" + action.replace(':', '-')),
                passed);
    }

    FindingContext context(Path dir) {
        Path file = dir.resolve("auth-" + System.nanoTime() + ".json");
        try {
            Files.writeString(
                    file,
                    "{\"RoleDetailList\":[" + String.join(",", roles)
                            + "],\"UserDetailList\":[],\"GroupDetailList\":[],\"Policies\":[]}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IamSnapshot snap = IamSnapshotReader.read(file);
        UsedSide side = new UsedSide(used, workloads, List.of(), List.of(), FROM, windowTo);
        return FindingContext.of(
                CATALOG,
                snap,
                MANAGED,
                clusters,
                report,
                side,
                FindingsOptions.defaults(),
                Map.of(arn("app"), "policies/roles/app.json"),
                Map.of());
    }

    /** Runs one rule with its registry entry. */
    static List<Finding> run(Rule rule, FindingContext ctx) {
        var info = RuleRegistry.loadInfos().stream()
                .filter(i -> i.rule().equals(rule.id()))
                .findFirst()
                .orElseThrow();
        return rule.evaluate(ctx, info);
    }
}
